package dev.berth.runtime.model;

import java.time.Instant;

/**
 * The stored progress of a rollout: the progress deadline counts from {@code lastProgressAt}.
 *
 * @param revision the revision being rolled out
 * @param phase {@code PROGRESSING}, {@code COMPLETE} or {@code FAILED}
 * @param startedAt when this revision was applied
 * @param lastProgressAt when ready new replicas last grew or old ones last shrank
 * @param readyNew ready replicas of this revision at the last progress
 * @param oldRemaining replicas of older revisions at the last progress
 * @param message why it failed, or empty
 */
public record RolloutState(
    long revision,
    String phase,
    Instant startedAt,
    Instant lastProgressAt,
    int readyNew,
    int oldRemaining,
    String message) {

  public static final String PROGRESSING = "PROGRESSING";
  public static final String COMPLETE = "COMPLETE";
  public static final String FAILED = "FAILED";

  public RolloutState {
    message = message == null ? "" : message;
  }

  /** A rollout that starts now. */
  public static RolloutState start(long revision, Instant now, int oldRemaining) {
    return new RolloutState(revision, PROGRESSING, now, now, 0, oldRemaining, "");
  }
}
