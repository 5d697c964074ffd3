package dev.berth.runtime.scheduler;

/** Prefers nodes holding fewer replicas of the same app, so one node's loss takes as few of them as possible. */
public final class SpreadScorer implements NodeScorer {

  @Override
  public double score(PlacementRequest request, NodeView node) {
    return 1.0 / (1 + node.replicasOf(request.appKey()));
  }
}
