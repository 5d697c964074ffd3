package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.ByteSize;
import java.util.Optional;

/** Turns away nodes without enough unrequested memory. */
public final class MemoryFilter implements NodeFilter {

  @Override
  public Optional<Rejection> check(PlacementRequest request, NodeView node) {
    long free = node.memoryFreeBytes();
    if (request.memoryBytes() <= free) {
      return Optional.empty();
    }
    return Optional.of(
        new Rejection(
            FilterReasons.INSUFFICIENT_MEMORY,
            "needs " + ByteSize.format(request.memoryBytes()) + " memory, has "
                + ByteSize.format(Math.max(0, free)) + " free of " + ByteSize.format(node.memoryBytes()),
            (double) (request.memoryBytes() - free) / Math.max(1, request.memoryBytes())));
  }
}
