package dev.berth.jenkins.cluster;

/** A deploy cannot start: the spec or the arguments are wrong; the message names the input and the fix. */
public final class DeployException extends Exception {
  public DeployException(String message) {
    super(message);
  }
}
