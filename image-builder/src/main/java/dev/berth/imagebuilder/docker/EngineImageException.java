package dev.berth.imagebuilder.docker;

/** An engine call about images or containers failed; wraps docker-java's exception with what Berth was doing. */
public final class EngineImageException extends Exception {

  public EngineImageException(String message, Throwable cause) {
    super(message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
  }
}
