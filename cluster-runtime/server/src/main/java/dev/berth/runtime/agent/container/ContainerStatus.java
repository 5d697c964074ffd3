package dev.berth.runtime.agent.container;

import java.time.Instant;
import java.util.Map;

/**
 * A container's state as the engine reports it.
 *
 * @param id the engine's id
 * @param labels its labels
 * @param status the engine's status word: {@code created}, {@code running}, {@code exited}, ...
 * @param running whether its main process runs
 * @param exitCode exit code once ended, else null
 * @param oomKilled the engine's OOMKilled flag
 * @param error the engine's error text (e.g. why start failed), empty when none
 * @param startedAt last start, or null
 * @param finishedAt end, or null
 * @param hostPorts container port → published host port
 * @param ipAddress the container's address on its network, or null
 */
public record ContainerStatus(
    String id,
    Map<String, String> labels,
    String status,
    boolean running,
    Integer exitCode,
    boolean oomKilled,
    String error,
    Instant startedAt,
    Instant finishedAt,
    Map<Integer, Integer> hostPorts,
    String ipAddress) {

  public ContainerStatus {
    labels = Map.copyOf(labels);
    error = error == null ? "" : error;
    hostPorts = Map.copyOf(hostPorts);
  }

  /**
   * Whether the kernel killed it for its memory limit: the engine's flag alone is not enough (a killed child can set
   * it while the main process lives), so it also needs exit 137 (SIGKILL) (RUNTIME.md §3).
   */
  public boolean killedForMemory() {
    return oomKilled && exitCode != null && exitCode == 137;
  }
}
