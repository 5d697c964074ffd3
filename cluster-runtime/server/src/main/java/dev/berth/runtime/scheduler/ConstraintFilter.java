package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.PlacementConstraint;
import java.util.Optional;

/** Turns away nodes whose labels do not meet every placement constraint of the app. */
public final class ConstraintFilter implements NodeFilter {

  @Override
  public Optional<Rejection> check(PlacementRequest request, NodeView node) {
    for (PlacementConstraint c : request.constraints()) {
      if (!c.matches(node.labels())) {
        String has = node.labels().containsKey(c.label()) ? c.label() + "=" + node.labels().get(c.label()) : "no " + c.label() + " label";
        return Optional.of(
            new Rejection(
                FilterReasons.CONSTRAINT_MISMATCH, "needs " + c.describe() + ", has " + has, Double.MAX_VALUE / 2));
      }
    }
    return Optional.empty();
  }
}
