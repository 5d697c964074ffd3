package dev.berth.runtime.api.client;

import dev.berth.runtime.api.json.ApiError;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.api.status.NodeStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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

  private static String appPath(String namespace, String name) {
    return "/v1/apps/" + encode(namespace) + "/" + encode(name);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  private String send(String method, String path, String body) throws BerthApiException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/yaml");
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
