package hudson;

import java.io.IOException;

/** Shim of the exception that fails a build with its message and no stack trace. */
public class AbortException extends IOException {
  public AbortException() {}

  public AbortException(String message) {
    super(message);
  }
}
