package dev.berth.jenkins.cluster;

/** The master's URL or token is missing or malformed; the message names the variable and the fix. */
public final class MasterConnectionException extends Exception {
  public MasterConnectionException(String message) {
    super(message);
  }
}
