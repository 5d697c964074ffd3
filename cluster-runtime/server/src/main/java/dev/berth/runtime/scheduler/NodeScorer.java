package dev.berth.runtime.scheduler;

/** One ranking rule over feasible nodes: a score from 0 (worst) to 1 (best). */
public interface NodeScorer {

  /** The node's score for taking the replica. */
  double score(PlacementRequest request, NodeView node);
}
