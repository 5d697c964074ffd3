package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.Millicores;
import java.util.Optional;

/** Turns away nodes without enough unrequested CPU. */
public final class CpuFilter implements NodeFilter {

  @Override
  public Optional<Rejection> check(PlacementRequest request, NodeView node) {
    long free = node.cpuFreeMillis();
    if (request.cpuMillis() <= free) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            FilterReasons.INSUFFICIENT_CPU,
            "needs " + Millicores.format(request.cpuMillis()) + " CPU, has " + Millicores.format(Math.max(0, free))
                + " free of " + Millicores.format(node.cpuMillis()),
            (double) (request.cpuMillis() - free) / Math.max(1, request.cpuMillis())));
  }
}
