package dev.berth.runtime.api.client;

import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.build.BuildLogChunk;
import dev.berth.runtime.api.json.ApiError;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.api.status.NodeStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A client of the master's HTTP API over the JDK's {@link HttpClient}; JDK and Jackson only. */
public final class BerthClient {

  private final URI base;
  private final String token;
  private final HttpClient http;

  /**
   * @param base the master's API, e.g. {@code http://127.0.0.1:7070}
   * @param token the API's bearer token
   */
  public BerthClient(URI base, String token) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Applies a spec written in YAML or JSON. */
  public ApplyResult apply(String specText) throws BerthApiException {
    return ApiJson.read(send("POST", "/v1/apps", specText), ApplyResult.class);
  }

  /** Every app's status. */
  public List<AppStatus> apps() throws BerthApiException {
    return ApiJson.readList(send("GET", "/v1/apps", null), AppStatus.class);
  }

  /** One app's status. */
  public AppStatus app(String namespace, String name) throws BerthApiException {
    return ApiJson.read(send("GET", appPath(namespace, name), null), AppStatus.class);
  }

  /** Deletes an app. */
  public void delete(String namespace, String name) throws BerthApiException {
    send("DELETE", appPath(namespace, name), null);
  }

  /** Sets an app's replica count. */
  public ApplyResult scale(String namespace, String name, int replicas) throws BerthApiException {
    return ApiJson.read(send("POST", appPath(namespace, name) + "/scale?replicas=" + replicas, ""), ApplyResult.class);
  }

  /** The last {@code tail} log lines of one replica ({@code replica} non-null) or of every placed replica. */
  public String logs(String namespace, String name, String replica, int tail) throws BerthApiException {
    String query = "?tail=" + tail + (replica == null ? "" : "&replica=" + URLEncoder.encode(replica, StandardCharsets.UTF_8));
    return send("GET", appPath(namespace, name) + "/logs" + query, null);
  }

  /** An app's recent events. */
  public List<AppEvent> events(String namespace, String name) throws BerthApiException {
    return ApiJson.readList(send("GET", appPath(namespace, name) + "/events", null), AppEvent.class);
  }

  /** Every node's status. */
  public List<NodeStatus> nodes() throws BerthApiException {
    return ApiJson.readList(send("GET", "/v1/nodes", null), NodeStatus.class);
  }

  /**
   * Submits a build job: posts the request, then uploads the build context (a tar.gz of the folder holding the
   * Dockerfile). The job waits as {@code PENDING} until a node takes it.
   *
   * @param contextTarGz a gzip-compressed tar of the build context, Dockerfile at its root
   * @return the job's status after the upload
   */
  public BuildJobStatus submitBuild(BuildJobRequest request, Path contextTarGz) throws BerthApiException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(contextTarGz, "contextTarGz");
    HttpRequest.BodyPublisher context;
    try {
      context = HttpRequest.BodyPublishers.ofFile(contextTarGz);
    } catch (FileNotFoundException e) {
      throw new BerthApiException(
          "PUT", "/v1/builds", 0,
          new ApiError("context", contextTarGz.toString(), "the build context archive does not exist",
              "pass a tar.gz of the folder that holds the Dockerfile"));
    }
    BuildJobStatus submitted =
        ApiJson.read(send("POST", "/v1/builds", "application/json", ofString(ApiJson.toJson(request)), REQUEST_TIMEOUT),
            BuildJobStatus.class);
    // An upload may be large; it gets the time a slow link needs, not the usual request timeout.
    String path = buildPath(submitted.id()) + "/context";
    return ApiJson.read(send("PUT", path, "application/gzip", context, UPLOAD_TIMEOUT), BuildJobStatus.class);
  }

  /** One build job's status. */
  public BuildJobStatus build(String id) throws BerthApiException {
    return ApiJson.read(send("GET", buildPath(id), null), BuildJobStatus.class);
  }

  /**
   * Cancels a build job: it ends {@code FAILED} at once and its node stops the builder. Cancelling a finished job
   * changes nothing.
   *
   * @return the job's status after the cancel
   */
  public BuildJobStatus cancelBuild(String id) throws BerthApiException {
    return ApiJson.read(send("DELETE", buildPath(id), null), BuildJobStatus.class);
  }

  /** Every build job the master knows, newest first. */
  public List<BuildJobStatus> builds() throws BerthApiException {
    return ApiJson.readList(send("GET", "/v1/builds", null), BuildJobStatus.class);
  }

  /** A build job's log lines from line {@code fromLine} (0-based) on. */
  public BuildLogChunk buildLogs(String id, int fromLine) throws BerthApiException {
    return ApiJson.read(send("GET", buildPath(id) + "/logs?from=" + Math.max(0, fromLine), null), BuildLogChunk.class);
  }

  /**
   * Follows a build job to its end, handing every log line to {@code onLine} as it arrives.
   *
   * @return the job's final status
   * @throws BerthApiException when the master refuses, or the job has not ended within {@code timeout}
   */
  public BuildJobStatus followBuild(String id, Consumer<String> onLine, Duration timeout) throws BerthApiException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int next = 0;
    while (true) {
      BuildLogChunk chunk = buildLogs(id, next);
      chunk.lines().forEach(onLine);
      next = chunk.nextLine();
      if (chunk.finished()) {
        return build(id);
      }
      if (System.nanoTime() > deadline) {
        BuildJobStatus status = build(id);
        throw new BerthApiException(
            "GET", buildPath(id), 0,
            new ApiError("", id, "build job " + id + " is still " + status.phase() + " after " + timeout.toSeconds() + "s"
                + (status.message().isEmpty() ? "" : ": " + status.message()),
                "the job goes on: read its log with GET " + buildPath(id) + "/logs, or cancel it with DELETE "
                    + buildPath(id)));
      }
      try {
        Thread.sleep(chunk.lines().isEmpty() ? 500 : 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BerthApiException("GET", buildPath(id), 0, new ApiError("", null, "interrupted", ""));
      }
    }
  }

  private static String buildPath(String id) {
    return "/v1/builds/" + encode(id);
  }

  private static String appPath(String namespace, String name) {
    return "/v1/apps/" + encode(namespace) + "/" + encode(name);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private static HttpRequest.BodyPublisher ofString(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private String send(String method, String path, String body) throws BerthApiException {
    return send(method, path, body == null ? null : "application/yaml", body == null ? null : ofString(body), REQUEST_TIMEOUT);
  }

  private String send(String method, String path, String contentType, HttpRequest.BodyPublisher body, Duration timeout)
      throws BerthApiException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new BerthApiException(
          method, path, 0,
          new ApiError("", null, "cannot reach the master at " + base + " (" + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
              "start one with berth up or berth master, or pass --master URL"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthApiException(method, path, 0, new ApiError("", null, "interrupted", ""));
    }
    if (response.statusCode() >= 400) {
      ApiError error;
      try {
        error = ApiJson.read(response.body(), ApiError.class);
      } catch (IllegalArgumentException e) {
        error = new ApiError("", null, "HTTP " + response.statusCode() + ": " + response.body(), "");
      }
      throw new BerthApiException(method, path, response.statusCode(), error);
    }
    return response.body();
  }
}
