package dev.berth.runtime.model;

import java.util.List;
import java.util.Objects;

/**
 * What a node says about a build job it runs: its phase and the log lines since its last report.
 *
 * @param jobId the job's id
 * @param phase {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param exitCode the builder container's exit code once it ended, or {@code null}
 * @param message one sentence on what happened, or empty
 * @param imageId the built image's id once succeeded, or {@code null}
 * @param digest the pushed image's registry digest, or {@code null}
 * @param lines log lines since the previous report, in order
 */
public record BuildReport(
    String jobId, String phase, Integer exitCode, String message, String imageId, String digest, List<String> lines,
    long imageBytes) {

  /** A report that carries no image size (a running or failed job). */
  public BuildReport(
      String jobId, String phase, Integer exitCode, String message, String imageId, String digest, List<String> lines) {
    this(jobId, phase, exitCode, message, imageId, digest, lines, -1);
  }

  public BuildReport {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(phase, "phase");
    message = message == null ? "" : message;
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
