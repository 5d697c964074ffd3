package dev.berth.runtime.model;

import java.util.Map;

/**
 * What the replicas placed on one node request of it, and how many of each app it holds.
 *
 * @param cpuMillis CPU requested by the replicas on the node
 * @param memoryBytes memory requested by the replicas on the node
 * @param replicasPerApp app key → replicas of that app on the node (no zero counts)
 */
public record NodeUsage(long cpuMillis, long memoryBytes, Map<String, Integer> replicasPerApp) {

  public NodeUsage {
    replicasPerApp = Map.copyOf(replicasPerApp);
  }

  /** A node without replicas. */
  public static final NodeUsage NONE = new NodeUsage(0, 0, Map.of());
}
