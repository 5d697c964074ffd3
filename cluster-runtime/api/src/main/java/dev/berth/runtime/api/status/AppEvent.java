package dev.berth.runtime.api.status;

import java.time.Instant;

/**
 * Something that happened to an app, for people: a placement, a crash, a restart, a rollout step.
 *
 * @param time when it happened
 * @param type {@code Normal} or {@code Warning}
 * @param reason a short constant, e.g. {@code Scheduled}, {@code Crashed}, {@code NodeLost}
 * @param message one sentence
 */
public record AppEvent(Instant time, String type, String reason, String message) {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
