package dev.berth.runtime.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a node agent sees of one assigned replica's current container.
 *
 * @param replicaId the replica, as in {@link ReplicaAssignment#replicaId()}
 * @param revision revision of the assignment the container was started for
 * @param attempt attempt of the assignment the container was started for
 * @param containerId the engine's container id, empty before creation
 * @param state the container's state
 * @param exitCode exit code once EXITED, else {@code null}
 * @param oomKilled whether the engine reports the container was killed for exceeding its memory limit
 * @param health the probe's verdict
 * @param hostPorts container port → host port the agent published it on
 * @param startedAt when the container last started, or {@code null}
 * @param finishedAt when it exited, or {@code null}
 * @param memoryUsedBytes last sampled memory use, 0 when unknown
 * @param cpuMillisUsed last sampled CPU use in thousandths of a core, 0 when unknown
 * @param message the engine's error or the probe's last failure, empty when none
 * @param lastLogLines up to the last 100 log lines, captured once the container ended (empty while running)
 * @param jvmSizing where the container's JVM flags came from (its {@code berth.jvm-sizing} label: the spec's
 *     facts, the image's labels on a node, or none), empty when not a sized JVM
 */
public record ReplicaObservation(
    String replicaId,
    long revision,
    int attempt,
    String containerId,
    ReplicaState state,
    Integer exitCode,
    boolean oomKilled,
    HealthState health,
    Map<Integer, Integer> hostPorts,
    Instant startedAt,
    Instant finishedAt,
    long memoryUsedBytes,
    long cpuMillisUsed,
    String message,
    List<String> lastLogLines,
    String jvmSizing) {

  public ReplicaObservation {
    jvmSizing = jvmSizing == null ? "" : jvmSizing;
    Objects.requireNonNull(replicaId, "replicaId");
    Objects.requireNonNull(state, "state");
    containerId = containerId == null ? "" : containerId;
    health = health == null ? HealthState.NONE : health;
    hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    message = message == null ? "" : message;
    lastLogLines = lastLogLines == null ? List.of() : List.copyOf(lastLogLines);
  }

  /** An observation that says nothing of JVM sizing (no container yet, or simulated). */
  public ReplicaObservation(String replicaId, long revision, int attempt, String containerId, ReplicaState state,
      Integer exitCode, boolean oomKilled, HealthState health, Map<Integer, Integer> hostPorts, Instant startedAt,
      Instant finishedAt, long memoryUsedBytes, long cpuMillisUsed, String message, List<String> lastLogLines) {
    this(replicaId, revision, attempt, containerId, state, exitCode, oomKilled, health, hostPorts, startedAt,
        finishedAt, memoryUsedBytes, cpuMillisUsed, message, lastLogLines, "");
  }
}
