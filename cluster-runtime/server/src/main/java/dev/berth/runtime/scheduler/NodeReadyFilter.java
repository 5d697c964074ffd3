package dev.berth.runtime.scheduler;

import java.util.Optional;

/** Turns away nodes that are down or disconnected. */
public final class NodeReadyFilter implements NodeFilter {

  @Override
  public Optional<Rejection> check(PlacementRequest request, NodeView node) {
    return node.ready()
        ? Optional.empty()
        : Optional.of(new Rejection(FilterReasons.NODE_NOT_READY, "node is not ready", Double.MAX_VALUE));
  }
}
