package dev.berth.runtime.kubernetes;

import java.util.Locale;

/**
 * Where a Deployment's rollout stands.
 *
 * @param phase progressing, or how it ended
 * @param ready updated replicas that are ready
 * @param desired replicas asked for
 * @param updated replicas of the latest template
 * @param oldRemaining replicas of older templates still present
 * @param message what the rollout waits for, or why it ended
 */
public record RolloutState(Phase phase, int ready, int desired, int updated, int oldRemaining, String message) {

  /** The rollout's phase. */
  public enum Phase {
    PROGRESSING,
    COMPLETE,
    FAILED,
    TIMED_OUT
  }

  /** One progress line, in the bundled runtime's form. */
  public String line() {
    return String.format(
        Locale.ROOT, "rollout %s: %d/%d ready, %d updated, %d old left - %s",
        phase.name().toLowerCase(Locale.ROOT).replace('_', ' '), ready, desired, updated, oldRemaining, message);
  }
}
