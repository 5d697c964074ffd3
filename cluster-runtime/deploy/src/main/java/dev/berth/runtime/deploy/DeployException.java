package dev.berth.runtime.deploy;

/** A deploy that could not be carried out: the target was unreachable or refused the spec. */
public final class DeployException extends Exception {

  private final String target;

  public DeployException(String target, String message, Throwable cause) {
    super(message, cause);
    this.target = target;
  }

  /** The target's name, as {@link DeployTarget#name()}. */
  public String target() {
    return target;
  }
}
