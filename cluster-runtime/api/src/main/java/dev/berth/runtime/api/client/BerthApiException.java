package dev.berth.runtime.api.client;

import dev.berth.runtime.api.json.ApiError;

/**
 * The master refused or failed a request, or could not be reached: keeps the method, path, HTTP status (0 when
 * unreachable) and the master's error body.
 */
public final class BerthApiException extends Exception {

  private final String method;
  private final String path;
  private final int status;
  private final ApiError error;

  public BerthApiException(String method, String path, int status, ApiError error) {
    super(message(method, path, status, error));
    this.method = method;
    this.path = path;
    this.status = status;
    this.error = error;
  }

  private static String message(String method, String path, int status, ApiError error) {
    StringBuilder m = new StringBuilder(error.message());
    if (!error.field().isEmpty() && !error.message().startsWith(error.field())) {
      m.insert(0, error.field() + ": ");
    }
    if (!error.hint().isEmpty()) {
      m.append(" (").append(error.hint()).append(')');
    }
    return m.toString();
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The request path. */
  public String path() {
    return path;
  }

  /** The HTTP status, or 0 when the master was not reached. */
  public int status() {
    return status;
  }

  /** The master's error body. */
  public ApiError error() {
    return error;
  }
}
