package dev.berth.runtime.api.status;

import java.time.Instant;
import java.util.Map;

/**
 * One node as the master sees it: liveness, capacity and what is allocated on it.
 *
 * @param id the node's id
 * @param address host or IP of the node
 * @param state {@code READY} or {@code DOWN}
 * @param cpuMillis allocatable CPU (thousandths of a core)
 * @param memoryBytes allocatable memory
 * @param cpuAllocatedMillis CPU requested by the replicas placed on it
 * @param memoryAllocatedBytes memory requested by the replicas placed on it
 * @param replicas replicas placed on it
 * @param labels node labels
 * @param engineVersion container engine version
 * @param lastHeartbeat last heartbeat received
 * @param downReason why it is down ({@code SILENT}, {@code DISCONNECTED}), or empty
 */
public record NodeStatus(
    String id,
    String address,
    String state,
    long cpuMillis,
    long memoryBytes,
    long cpuAllocatedMillis,
    long memoryAllocatedBytes,
    int replicas,
    Map<String, String> labels,
    String engineVersion,
    Instant lastHeartbeat,
    String downReason) {

  public NodeStatus {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    downReason = downReason == null ? "" : downReason;
  }
}
