package dev.berth.runtime.scheduler;

import java.util.Optional;

/** One feasibility rule: says why a node cannot take a replica, or nothing when it can. */
public interface NodeFilter {

  /** The rejection, or empty when the node passes this rule. */
  Optional<Rejection> check(PlacementRequest request, NodeView node);
}
