package dev.berth.jenkins.workspace;

/** The application folder cannot be used; keeps the reason and the offending value for the step's message. */
public final class AppFolderException extends Exception {

  /** Why the folder cannot be used. */
  public enum Reason {
    /** {@code dir} is absolute or leaves the workspace. */
    ESCAPES,
    /** The folder does not exist on the controller. */
    NOT_HERE
  }

  private final Reason reason;
  private final String value;

  public AppFolderException(Reason reason, String value) {
    super(reason + ": " + value);
    this.reason = reason;
    this.value = value;
  }

  /** Why the folder cannot be used. */
  public Reason reason() {
    return reason;
  }

  /** The {@code dir} argument or the resolved folder. */
  public String value() {
    return value;
  }
}
