package dev.berth.runtime.agent;

import dev.berth.runtime.wire.JoinToken;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent runs.
 *
 * @param masterHost the master's host
 * @param masterPort the port agents join on
 * @param token the master's join token
 * @param nodeId this node's stable name
 * @param address where this node's published ports are reachable, e.g. {@code 127.0.0.1}
 * @param dockerHost the engine, e.g. {@code unix:///var/tmp/berth/n2/docker.sock}; null for the local one
 * @param stateDir where config files for containers are written
 * @param nodeLabels labels placement constraints match
 * @param containerLabels extra labels on every container (e.g. a test run's)
 */
public record AgentConfig(
    String masterHost,
    int masterPort,
    JoinToken token,
    String nodeId,
    String address,
    String dockerHost,
    Path stateDir,
    Map<String, String> nodeLabels,
    Map<String, String> containerLabels) {

  public AgentConfig {
    Objects.requireNonNull(masterHost, "masterHost");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(stateDir, "stateDir");
    if (masterPort < 1 || masterPort > 65535) {
      throw new IllegalArgumentException("master port " + masterPort + " is outside 1..65535; pass --join HOST:PORT");
    }
    if (!nodeId.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("node id '" + nodeId + "' must be letters, digits, '.', '_' or '-'");
    }
    address = address == null || address.isBlank() ? "127.0.0.1" : address;
    nodeLabels = nodeLabels == null ? Map.of() : Map.copyOf(nodeLabels);
    containerLabels = containerLabels == null ? Map.of() : Map.copyOf(containerLabels);
  }
}
