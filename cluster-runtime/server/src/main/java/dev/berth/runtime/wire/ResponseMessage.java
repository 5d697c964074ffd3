package dev.berth.runtime.wire;

/**
 * The answer to the {@link RequestMessage} with the same {@code id}.
 *
 * @param status {@code OK}, {@code NOT_FOUND} or {@code ERROR}
 * @param body the result when OK, else a {@link String} saying why
 */
public record ResponseMessage(long id, String status, Object body) {

  public static final String OK = "OK";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String ERROR = "ERROR";
}
