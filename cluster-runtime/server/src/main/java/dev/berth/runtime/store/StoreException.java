package dev.berth.runtime.store;

/** The store could not make a write durable, or could not read its file; nothing was changed. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
