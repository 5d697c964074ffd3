package dev.berth.runtime.api.status;

import java.time.Instant;

/**
 * Where the rollout of an app's latest revision stands.
 *
 * @param revision the revision being rolled out
 * @param phase {@code PROGRESSING}, {@code COMPLETE} or {@code FAILED} (the progress deadline passed)
 * @param desired desired replicas
 * @param updated replicas of this revision (placed or running)
 * @param ready replicas of this revision that are running and healthy
 * @param oldRemaining replicas of older revisions still present
 * @param lastProgressAt when the rollout last made progress
 * @param deadline when it fails if no progress is made before then
 * @param message a sentence on what it waits for, or why it failed
 */
public record RolloutStatus(
    long revision,
    String phase,
    int desired,
    int updated,
    int ready,
    int oldRemaining,
    Instant lastProgressAt,
    Instant deadline,
    String message) {

  public static final String PROGRESSING = "PROGRESSING";
  public static final String COMPLETE = "COMPLETE";
  public static final String FAILED = "FAILED";

  public RolloutStatus {
    message = message == null ? "" : message;
  }

  /** Whether the rollout reached an end (complete or failed). */
  public boolean finished() {
    return COMPLETE.equals(phase) || FAILED.equals(phase);
  }
}
