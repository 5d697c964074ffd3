package dev.berth.runtime.api.json;

/**
 * The body of every error the master's HTTP API returns.
 *
 * @param field the field path the error is about (e.g. {@code resources.memory}), or empty
 * @param value the rejected value, or {@code null}
 * @param message one sentence: what failed
 * @param hint what to do about it, or empty
 */
public record ApiError(String field, String value, String message, String hint) {

  public ApiError {
    field = field == null ? "" : field;
    message = message == null ? "" : message;
    hint = hint == null ? "" : hint;
  }
}
