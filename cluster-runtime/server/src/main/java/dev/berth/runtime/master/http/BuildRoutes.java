package dev.berth.runtime.master.http;

import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.json.ApiError;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.controller.BuildJobController;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * The {@code /v1/builds} resource: submit a build job, upload its context, read its status and log.
 *
 * <pre>
 * POST /v1/builds                    BuildJobRequest (JSON) → 201 BuildJobStatus (SUBMITTED)
 * PUT  /v1/builds/{id}/context       the context as tar.gz → BuildJobStatus (PENDING or RUNNING); 413 above the limit
 * GET  /v1/builds                    → [BuildJobStatus], newest first
 * GET  /v1/builds/{id}               → BuildJobStatus
 * GET  /v1/builds/{id}/logs?from=N   → BuildLogChunk
 * DELETE /v1/builds/{id}             cancel → BuildJobStatus (FAILED)
 * </pre>
 */
final class BuildRoutes {

  /**
   * A Docker image reference: optional registry host[:port], lowercase path components, optional tag or digest.
   */
  static final Pattern IMAGE_REFERENCE =
      Pattern.compile(
          // A first component is a registry only with a dot, a port, or as localhost (as Docker reads it).
          "(?:(?:localhost|[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+)(?::[0-9]+)?/|[a-zA-Z0-9-]+:[0-9]+/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

  private final BuildJobController jobs;
  private final long maxContextBytes;

  BuildRoutes(BuildJobController jobs, long maxContextBytes) {
    this.jobs = jobs;
    this.maxContextBytes = maxContextBytes;
  }

  void handle(ApiExchange ex) throws IOException {
    String[] s = ex.segments;
    if (s.length == 2) {
      if (ex.method.equals("POST")) {
        ex.json(201, jobs.submit(validate(read(ex.body()))));
        return;
      }
      requireMethod(ex, "GET");
      ex.json(200, jobs.list());
      return;
    }
    String id = s[2];
    String action = s.length > 3 ? s[3] : "";
    try {
      switch (action) {
        case "" -> {
          if (ex.method.equals("DELETE")) {
            ex.json(200, jobs.cancel(id));
            return;
          }
          requireMethod(ex, "GET");
          ex.json(200, jobs.status(id).orElseThrow());
        }
        case "context" -> {
          requireMethod(ex, "PUT");
          ex.json(200, upload(ex, id));
        }
        case "logs" -> {
          requireMethod(ex, "GET");
          ex.json(200, jobs.logs(id, ex.intQuery("from", 0)));
        }
        default -> throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "actions: context, logs");
      }
    } catch (NoSuchElementException e) {
      throw ApiException.notFound("build job " + id, "list build jobs with GET /v1/builds");
    }
  }

  private Object upload(ApiExchange ex, String id) throws IOException {
    String length = ex.http.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > maxContextBytes) {
      // Refused before reading: the client learns the limit without sending the whole archive.
      throw tooLarge(length + " bytes");
    }
    try {
      return jobs.upload(id, ex.http.getRequestBody(), maxContextBytes);
    } catch (BuildJobController.ContextTooLargeException e) {
      throw tooLarge("more than " + maxContextBytes + " bytes");
    } catch (IllegalStateException e) {
      throw new ApiException(409, new ApiError("context", null, e.getMessage(), "submit a new build job"));
    }
  }

  private ApiException tooLarge(String size) {
    return new ApiException(
        413,
        new ApiError("context", size, "the build context is larger than the master accepts (" + maxContextBytes
            + " bytes)",
            "leave build outputs and dependencies out of the context (.dockerignore), or raise the master's limit"));
  }

  private static BuildJobRequest read(String body) {
    try {
      // An empty body and JSON null read as {}: no tags, which validate() refuses with its own message.
      return ApiJson.read(body.isBlank() || body.strip().equals("null") ? "{}" : body, BuildJobRequest.class);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("", null, "the body is not a build job request: " + e.getMessage(),
          "send JSON like {\"tags\":[\"127.0.0.1:5000/shop:1\"],\"push\":false,\"offline\":true}");
    }
  }

  static BuildJobRequest validate(BuildJobRequest request) {
    if (request.tags().isEmpty()) {
      throw ApiException.badRequest("tags", "[]", "a build job needs at least one image tag",
          "pass tags, the first naming the image, e.g. [\"127.0.0.1:5000/shop:1\"]");
    }
    for (int i = 0; i < request.tags().size(); i++) {
      String tag = request.tags().get(i);
      if (tag == null || !IMAGE_REFERENCE.matcher(tag).matches()) {
        throw ApiException.badRequest("tags[" + i + "]", tag, "not an image reference",
            "use [registry[:port]/]name[:tag] in lowercase, e.g. 127.0.0.1:5000/shop:1");
      }
    }
    if (request.baseImage() != null && !IMAGE_REFERENCE.matcher(request.baseImage()).matches()) {
      throw ApiException.badRequest("baseImage", request.baseImage(), "not an image reference",
          "leave it out to use the catalog's base, or name an image such as berth/jre:17");
    }
    return request;
  }

  private static void requireMethod(ApiExchange ex, String method) {
    if (!ex.method.equals(method)) {
      throw new ApiException(
          405, new ApiError("", ex.method, ex.method + " is not allowed on " + ex.http.getRequestURI().getPath(),
              "use " + method));
    }
  }
}
