package dev.berth.runtime.agent.docker;

import java.time.Duration;

/**
 * How a {@link MemoryRun} ended.
 *
 * @param exitCode the main process's exit code
 * @param oomKilled the engine's {@code State.OOMKilled}
 * @param peakMemoryBytes the highest cgroup memory usage the engine's stats reported (0 if none arrived)
 * @param logs stdout and stderr
 * @param elapsed from start to exit
 * @param stopped whether Berth stopped it after {@code stopAfter}
 */
public record MemoryRunResult(
    int exitCode, boolean oomKilled, long peakMemoryBytes, String logs, Duration elapsed, boolean stopped) {

  /** A kill by the kernel's OOM killer: the flag and exit 137 together (the flag alone is sticky, moby#43564). */
  public boolean killed() {
    return oomKilled && exitCode == 137;
  }
}
