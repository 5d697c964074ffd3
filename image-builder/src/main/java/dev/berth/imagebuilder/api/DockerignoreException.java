package dev.berth.imagebuilder.api;

import java.io.IOException;

/** A {@code .dockerignore} line that is not a valid pattern: one line naming the file, the line and the fix. */
public final class DockerignoreException extends IOException {

  private static final long serialVersionUID = 1L;

  public DockerignoreException(String message) {
    super(message);
  }
}
