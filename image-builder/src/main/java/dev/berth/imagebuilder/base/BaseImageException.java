package dev.berth.imagebuilder.base;

/** A base image could not be built; the message names the step, the input and the fix. */
public final class BaseImageException extends Exception {

  public BaseImageException(String message) {
    super(message);
  }

  public BaseImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
