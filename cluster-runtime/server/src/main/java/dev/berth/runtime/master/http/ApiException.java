package dev.berth.runtime.master.http;

import dev.berth.runtime.api.json.ApiError;

/** A request the API answers with an error status and a JSON {@link ApiError} body. */
final class ApiException extends RuntimeException {

  final int status;
  final ApiError error;

  ApiException(int status, ApiError error) {
    super(error.message());
    this.status = status;
    this.error = error;
  }

  static ApiException notFound(String what, String hint) {
    return new ApiException(404, new ApiError("", null, what + " not found", hint));
  }

  static ApiException badRequest(String field, String value, String message, String hint) {
    return new ApiException(400, new ApiError(field, value, message, hint));
  }
}
