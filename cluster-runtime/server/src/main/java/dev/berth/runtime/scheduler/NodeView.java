package dev.berth.runtime.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A node as the scheduler sees it: readiness, labels, capacity, what is already requested on it, and how many
 * replicas of each app it holds.
 *
 * @param id the node's id
 * @param ready whether it takes new replicas
 * @param labels node labels
 * @param cpuMillis allocatable CPU
 * @param memoryBytes allocatable memory
 * @param cpuUsedMillis CPU requested by replicas on it
 * @param memoryUsedBytes memory requested by replicas on it
 * @param replicasPerApp app key → replicas of that app on it
 */
public record NodeView(
    String id,
    boolean ready,
    Map<String, String> labels,
    long cpuMillis,
    long memoryBytes,
    long cpuUsedMillis,
    long memoryUsedBytes,
    Map<String, Integer> replicasPerApp) {

  public NodeView {
    Objects.requireNonNull(id, "id");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    replicasPerApp = replicasPerApp == null ? Map.of() : Map.copyOf(replicasPerApp);
  }

  /** Free CPU. */
  public long cpuFreeMillis() {
    return cpuMillis - cpuUsedMillis;
  }

  /** Free memory. */
  public long memoryFreeBytes() {
    return memoryBytes - memoryUsedBytes;
  }

  /** Replicas of {@code appKey} on this node. */
  public int replicasOf(String appKey) {
    return replicasPerApp.getOrDefault(appKey, 0);
  }

  /** This node with one more replica of the request's app and its resources. */
  public NodeView with(PlacementRequest request) {
    Map<String, Integer> perApp = new HashMap<>(replicasPerApp);
    perApp.merge(request.appKey(), 1, Integer::sum);
    return new NodeView(
        id, ready, labels, cpuMillis, memoryBytes, cpuUsedMillis + request.cpuMillis(),
        memoryUsedBytes + request.memoryBytes(), perApp);
  }
}
