package dev.berth.runtime.agent.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One container run under a memory limit, as sizing tests, measure mode and the sizing benchmark need it.
 *
 * @param image the image
 * @param entrypoint entrypoint, or empty for the image's own
 * @param command command, or empty for the image's own
 * @param env environment added to the image's
 * @param memoryBytes memory limit, also the memory+swap limit (no swap)
 * @param cpus CPU limit, or 0 for none
 * @param binds read-only bind mounts, host path → container path
 * @param labels container labels (e.g. a test run's)
 * @param stopAfter after this long the container is stopped (SIGTERM, 10 s grace), as the end of a measure run
 * @param publish container ports published on the same port of 127.0.0.1, so a measure run can be driven
 */
public record MemoryRun(
    String image,
    List<String> entrypoint,
    List<String> command,
    Map<String, String> env,
    long memoryBytes,
    double cpus,
    Map<String, String> binds,
    Map<String, String> labels,
    Duration stopAfter,
    List<Integer> publish) {

  public MemoryRun {
    entrypoint = List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Map.copyOf(env);
    binds = Map.copyOf(binds);
    labels = Map.copyOf(labels);
    publish = publish == null ? List.of() : List.copyOf(publish);
    if (memoryBytes < 6L << 20) {
      throw new IllegalArgumentException("memory limit " + memoryBytes + " is below the engine's 6 MiB minimum");
    }
  }
}
