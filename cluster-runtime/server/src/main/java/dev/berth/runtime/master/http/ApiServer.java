package dev.berth.runtime.master.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.runtime.api.json.ApiError;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.controller.AppWriter;
import dev.berth.runtime.controller.BuildJobController;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.controller.NodeUnavailableException;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.store.StateStore;
import dev.berth.runtime.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The master's HTTP API (JSON), behind a bearer token:
 *
 * <pre>
 * GET    /v1/health                         no token needed
 * POST   /v1/apps                           apply a spec (YAML or JSON body) → ApplyResult
 * GET    /v1/apps                           → [AppStatus]
 * GET    /v1/apps/{ns}/{name}               → AppStatus
 * DELETE /v1/apps/{ns}/{name}
 * POST   /v1/apps/{ns}/{name}/scale?replicas=N → ApplyResult
 * GET    /v1/apps/{ns}/{name}/logs?replica=ID&amp;tail=N → text
 * GET    /v1/apps/{ns}/{name}/events        → [AppEvent]
 * GET    /v1/nodes                          → [NodeStatus]
 * POST   /v1/builds, PUT /v1/builds/{id}/context, GET /v1/builds[/{id}[/logs?from=N]], DELETE /v1/builds/{id}
 *                                           build jobs ({@link BuildRoutes})
 * </pre>
 *
 * Every error is JSON {@code {field, value, message, hint}}.
 */
public final class ApiServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final StateStore store;
  private final AppWriter writer;
  private final NodeGateway gateway;
  private final StatusViews views;
  private final byte[] token;
  private final BuildRoutes builds;

  private ApiServer(
      HttpServer server, StateStore store, AppWriter writer, NodeGateway gateway,
      Function<String, Instant> heartbeats, String token, BuildRoutes builds) {
    this.server = server;
    this.builds = builds;
    this.store = store;
    this.writer = writer;
    this.gateway = gateway;
    this.views = new StatusViews(store, heartbeats);
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "berth-api");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts the API on {@code address} (port 0 picks a free one).
   *
   * @throws IOException when the port cannot be bound
   */
  public static ApiServer start(
      InetSocketAddress address, StateStore store, AppWriter writer, NodeGateway gateway,
      Function<String, Instant> heartbeats, String token) throws IOException {
    return start(address, store, writer, gateway, heartbeats, token, null, 0);
  }

  /**
   * Starts the API with build jobs served by {@code buildJobs} (null: {@code /v1/builds} answers 404).
   *
   * @param maxContextBytes the largest build context upload accepted
   * @throws IOException when the port cannot be bound
   */
  public static ApiServer start(
      InetSocketAddress address, StateStore store, AppWriter writer, NodeGateway gateway,
      Function<String, Instant> heartbeats, String token, BuildJobController buildJobs, long maxContextBytes)
      throws IOException {
    HttpServer http = HttpServer.create(address, 64);
    BuildRoutes builds = buildJobs == null ? null : new BuildRoutes(buildJobs, maxContextBytes);
    ApiServer api = new ApiServer(http, store, writer, gateway, heartbeats, token, builds);
    http.start();
    return api;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange http) throws IOException {
    ApiExchange ex = new ApiExchange(http);
    try {
      if (ex.segments.length == 2 && ex.segments[1].equals("health") && ex.method.equals("GET")) {
        ex.json(200, java.util.Map.of("status", "ok"));
        return;
      }
      authorize(http);
      route(ex);
    } catch (ApiException e) {
      ex.json(e.status, e.error);
    } catch (SpecValidationException e) {
      ex.json(422, new ApiError(e.field(), e.value(), e.getMessage(), "fix " + (e.field().isEmpty() ? "the spec" : e.field()) + " and apply again"));
    } catch (StoreException e) {
      ex.json(503, new ApiError("", null, e.getMessage(), "nothing was changed; check the master's disk and retry"));
    } catch (RuntimeException e) {
      ex.json(500, new ApiError("", null, "internal error: " + e, "see the master's log"));
    } finally {
      http.close();
    }
  }

  private void authorize(HttpExchange http) {
    String header = http.getRequestHeaders().getFirst("Authorization");
    byte[] given =
        header != null && header.startsWith("Bearer ")
            ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(
          401,
          new ApiError(
              "Authorization", null, header == null ? "no bearer token" : "wrong bearer token",
              "pass the master's API token (--token, BERTH_TOKEN, or the api-token file in the master's state folder)"));
    }
  }

  private void route(ApiExchange ex) throws IOException {
    String[] s = ex.segments;
    if (s.length < 2 || !s[0].equals("v1")) {
      throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "the API lives under /v1/apps and /v1/nodes");
    }
    switch (s[1]) {
      case "nodes" -> {
        requireMethod(ex, "GET");
        ex.json(200, views.nodes(store.snapshot()));
      }
      case "apps" -> apps(ex);
      case "builds" -> {
        if (builds == null) {
          throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "this master runs no build jobs");
        }
        builds.handle(ex);
      }
      default -> throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "the API lives under /v1/apps and /v1/nodes");
    }
  }

  private void apps(ApiExchange ex) throws IOException {
    String[] s = ex.segments;
    if (s.length == 2) {
      if (ex.method.equals("POST")) {
        AppSpec spec = ApiJson.readSpec(ex.body());
        ApplyResult result = writer.apply(spec);
        ex.json(result.outcome().equals("created") ? 201 : 200, result);
        return;
      }
      requireMethod(ex, "GET");
      ClusterSnapshot snap = store.snapshot();
      List<AppStatus> all = new ArrayList<>();
      snap.apps().values().stream()
          .sorted(java.util.Comparator.comparing(AppRecord::key))
          .forEach(a -> all.add(views.app(snap, a)));
      ex.json(200, all);
      return;
    }
    if (s.length < 4) {
      throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "use /v1/apps/NAMESPACE/NAME");
    }
    String key = s[2] + "/" + s[3];
    String action = s.length > 4 ? s[4] : "";
    ClusterSnapshot snap = store.snapshot();
    AppRecord app = snap.apps().get(key);
    switch (action) {
      case "" -> {
        if (ex.method.equals("DELETE")) {
          if (!writer.delete(key)) {
            throw ApiException.notFound("app " + key, "list apps with berth get");
          }
          ex.json(200, java.util.Map.of("deleted", key));
          return;
        }
        requireMethod(ex, "GET");
        ex.json(200, views.app(snap, require(app, key)));
      }
      case "scale" -> {
        requireMethod(ex, "POST");
        int replicas = ex.intQuery("replicas", -1);
        if (replicas < 0 || replicas > AppSpec.MAX_REPLICAS) {
          throw new ApiException(
              422,
              new ApiError("replicas", String.valueOf(replicas), "replicas must be from 0 to " + AppSpec.MAX_REPLICAS,
                  "e.g. berth scale " + s[3] + " 3"));
        }
        require(app, key);
        try {
          ex.json(200, writer.scale(key, replicas));
        } catch (NoSuchElementException e) {
          throw ApiException.notFound("app " + key, "list apps with berth get");
        }
      }
      case "events" -> {
        requireMethod(ex, "GET");
        require(app, key);
        ex.json(200, store.events(key));
      }
      case "logs" -> {
        requireMethod(ex, "GET");
        ex.text(200, logs(snap, require(app, key), ex.query.get("replica"), ex.intQuery("tail", 100)));
      }
      default -> throw ApiException.notFound("path " + ex.http.getRequestURI().getPath(), "actions: scale, logs, events");
    }
  }

  private String logs(ClusterSnapshot snap, AppRecord app, String replicaId, int tail) {
    List<Replica> replicas = snap.replicasOf(app.key());
    List<Replica> chosen = new ArrayList<>();
    for (Replica r : replicas) {
      if ((replicaId == null || replicaId.isEmpty() || r.id().equals(replicaId) || r.id().endsWith(replicaId)) && r.placed()) {
        chosen.add(r);
      }
    }
    if (chosen.isEmpty()) {
      throw ApiException.notFound(
          replicaId == null ? "placed replica of " + app.key() : "replica " + replicaId + " of " + app.key(),
          "see the replicas with berth describe " + app.spec().name());
    }
    StringBuilder out = new StringBuilder();
    for (Replica r : chosen) {
      if (chosen.size() > 1) {
        out.append("==> ").append(r.id()).append(" on ").append(r.nodeId()).append(" <==\n");
      }
      try {
        String text = gateway.logs(r.nodeId(), r.id(), tail).get(10, TimeUnit.SECONDS);
        out.append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
          out.append('\n');
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof NodeUnavailableException || cause instanceof NoSuchElementException) {
          out.append("(no logs: ").append(cause.getMessage()).append(")\n");
        } else {
          out.append("(no logs: ").append(cause).append(")\n");
        }
      } catch (TimeoutException e) {
        out.append("(no logs: node ").append(r.nodeId()).append(" did not answer within 10 s)\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out.toString();
  }

  private static AppRecord require(AppRecord app, String key) {
    if (app == null) {
      throw ApiException.notFound("app " + key, "list apps with berth get");
    }
    return app;
  }

  private static void requireMethod(ApiExchange ex, String method) {
    if (!ex.method.equals(method)) {
      throw new ApiException(
          405, new ApiError("", ex.method, ex.method + " is not allowed on " + ex.http.getRequestURI().getPath(), "use " + method));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
