package dev.berth.runtime.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a node agent says about itself when it joins: identity, where it is, and what it offers.
 *
 * @param nodeId stable node name chosen by the agent (kept across reconnects and restarts)
 * @param address host or IP the node's published ports are reachable on
 * @param cpuMillis allocatable CPU in thousandths of a core (2 cores = 2000)
 * @param memoryBytes allocatable memory in bytes
 * @param labels node labels that placement constraints match, e.g. {@code zone=a}
 * @param engineVersion the container engine's version, e.g. {@code 20.10.24}
 */
public record NodeInfo(
    String nodeId,
    String address,
    long cpuMillis,
    long memoryBytes,
    Map<String, String> labels,
    String engineVersion) {

  public NodeInfo {
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId is blank");
    }
    if (cpuMillis < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException("node " + nodeId + " has negative capacity");
    }
    address = address == null ? "" : address;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    engineVersion = engineVersion == null ? "" : engineVersion;
  }
}
