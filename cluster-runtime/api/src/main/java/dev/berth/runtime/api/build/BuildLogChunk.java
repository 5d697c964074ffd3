package dev.berth.runtime.api.build;

import java.util.List;

/**
 * A slice of a build job's log, read from a line number on.
 *
 * @param lines the log lines from the requested line on (possibly none yet)
 * @param nextLine the line number to ask for next
 * @param finished whether the job has ended and its log is complete: no line will follow {@code nextLine}
 */
public record BuildLogChunk(List<String> lines, int nextLine, boolean finished) {

  public BuildLogChunk {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
