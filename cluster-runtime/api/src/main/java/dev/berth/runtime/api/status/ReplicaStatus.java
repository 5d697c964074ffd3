package dev.berth.runtime.api.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One replica as the master knows it: where it is placed, what its container is doing, and why it is pending or
 * why it last ended.
 *
 * @param id the replica's id
 * @param node the node it is placed on, or {@code null} while pending
 * @param revision the spec revision it runs
 * @param phase where it is in its life
 * @param health the health check's verdict: {@code none}, {@code starting}, {@code healthy}, {@code unhealthy}
 * @param restarts restarts so far
 * @param lastExitCode exit code of the last ended container, or {@code null}
 * @param oomKilled whether the last ended container was killed for exceeding its memory limit
 * @param hostPorts container port → host port on {@code node}
 * @param address the node's address, where the host ports are published
 * @param startedAt when the current container started
 * @param finishedAt when the last container ended
 * @param nextRestartAt when a crashed replica will be restarted (crash-loop backoff), or {@code null}
 * @param message the last error or reason, empty when none
 * @param lastLogLines the last log lines of the last ended container
 * @param pending why the replica has no node, or {@code null} when placed
 * @param jvmSizing where its container's JVM flags came from (the spec's facts, or the image's labels on a node),
 *     empty when not a sized JVM or not known
 */
public record ReplicaStatus(
    String id,
    String node,
    long revision,
    Phase phase,
    String health,
    int restarts,
    Integer lastExitCode,
    boolean oomKilled,
    Map<Integer, Integer> hostPorts,
    String address,
    Instant startedAt,
    Instant finishedAt,
    Instant nextRestartAt,
    String message,
    List<String> lastLogLines,
    PlacementFailure pending,
    String jvmSizing) {

  /** A replica's phase. */
  public enum Phase {
    /** No node fits yet; {@code pending} says why. */
    PENDING,
    /** Placed; the node is starting its container. */
    STARTING,
    /** The container runs. */
    RUNNING,
    /** The container ended and waits for its crash-loop backoff before the restart. */
    CRASH_LOOP,
    /** The container could not start (missing image, bad command); retried with backoff. */
    FAILED,
    /** Being stopped (scaled down, replaced, or the app deleted). */
    STOPPING,
    /** Its node was lost; a replacement is placed elsewhere. */
    LOST
  }

  public ReplicaStatus {
    health = health == null ? "none" : health;
    hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    message = message == null ? "" : message;
    lastLogLines = lastLogLines == null ? List.of() : List.copyOf(lastLogLines);
    jvmSizing = jvmSizing == null ? "" : jvmSizing;
  }
}
