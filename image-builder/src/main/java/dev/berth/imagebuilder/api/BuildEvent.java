package dev.berth.imagebuilder.api;

/**
 * Something a build reports as it goes; frontends (CLI, Jenkins console) print them.
 *
 * @param kind {@code STEP} starts a phase, {@code PROGRESS} is output of the backend, {@code NOTICE} is a decision
 *     the user should see (e.g. the offline base was used)
 * @param message one line
 */
public record BuildEvent(Kind kind, String message) {

  /** Kinds of build events. */
  public enum Kind {
    STEP,
    PROGRESS,
    NOTICE
  }

  public static BuildEvent step(String message) {
    return new BuildEvent(Kind.STEP, message);
  }

  public static BuildEvent progress(String message) {
    return new BuildEvent(Kind.PROGRESS, message);
  }

  public static BuildEvent notice(String message) {
    return new BuildEvent(Kind.NOTICE, message);
  }
}
