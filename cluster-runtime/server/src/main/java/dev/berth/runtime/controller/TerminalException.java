package dev.berth.runtime.controller;

/** A reconcile failure that retrying cannot fix; the key is not requeued, and the error is reported. */
public final class TerminalException extends RuntimeException {

  public TerminalException(String message) {
    super(message);
  }
}
