package dev.berth.runtime.agent.container;

/** A container could not be created or started; {@link #imageMissing()} tells the two common causes apart. */
public final class ContainerStartException extends Exception {

  private final boolean imageMissing;

  public ContainerStartException(String message, boolean imageMissing, Throwable cause) {
    super(message, cause);
    this.imageMissing = imageMissing;
  }

  /** Whether the image is not on the engine. */
  public boolean imageMissing() {
    return imageMissing;
  }
}
