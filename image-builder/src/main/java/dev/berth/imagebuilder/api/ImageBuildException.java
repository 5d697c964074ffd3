package dev.berth.imagebuilder.api;

/** An image build that could not be done; the message names the input, the cause and the fix. */
public class ImageBuildException extends Exception {

  private final int exitCode;

  public ImageBuildException(String message) {
    this(message, 1, null);
  }

  public ImageBuildException(String message, Throwable cause) {
    this(message, 1, cause);
  }

  /**
   * @param exitCode the CLI exit code: detection outcomes keep theirs (3-8), other failures are 1
   */
  public ImageBuildException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code a CLI should end with. */
  public int exitCode() {
    return exitCode;
  }
}
