package dev.berth.runtime.scheduler;

/**
 * Prefers fuller nodes (by requested CPU and memory after placing), so free capacity stays in large pieces for
 * big replicas.
 */
public final class BinPackScorer implements NodeScorer {

  @Override
  public double score(PlacementRequest request, NodeView node) {
    double cpu = node.cpuMillis() == 0 ? 1 : (double) (node.cpuUsedMillis() + request.cpuMillis()) / node.cpuMillis();
    double memory =
        node.memoryBytes() == 0 ? 1 : (double) (node.memoryUsedBytes() + request.memoryBytes()) / node.memoryBytes();
    return Math.min(1, (cpu + memory) / 2);
  }
}
