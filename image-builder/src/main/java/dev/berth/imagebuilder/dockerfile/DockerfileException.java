package dev.berth.imagebuilder.dockerfile;

/**
 * A Dockerfile could not be rendered or written: the report lacks what a template needs, a layer source is
 * missing, or the output folder cannot be replaced. The message names the input and the fix.
 */
public final class DockerfileException extends Exception {

  private static final long serialVersionUID = 1L;

  public DockerfileException(String message) {
    super(message);
  }

  public DockerfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
