package dev.berth.jenkins.steps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The master's HTTP API on loopback for execution tests: answers {@code GET /v1/apps/default/shop} with queued
 * status documents (the last one repeats) and {@code POST /v1/apps} with a fixed apply result, recording requests.
 * After {@link #newApp()} the app reads as absent (404) until the first apply, as on a first deploy.
 */
final class FakeMaster implements AutoCloseable {

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> applied = new CopyOnWriteArrayList<>();
  private final Deque<String> statuses = new ArrayDeque<>();
  private final HttpServer server;
  private volatile boolean absentUntilApplied;

  FakeMaster() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/apps", exchange -> {
      String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      requests.add(line + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      int code;
      String body;
      if (line.equals("POST /v1/apps")) {
        applied.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        code = 200;
        body = "{\"app\":\"default/shop\",\"revision\":2,\"outcome\":\"updated\"}";
      } else if (line.equals("GET /v1/apps/default/shop") && !statuses.isEmpty()
          && !(absentUntilApplied && applied.isEmpty())) {
        code = 200;
        body = statuses.size() > 1 ? statuses.poll() : statuses.peek();
      } else {
        code = 404;
        body = "{\"field\":\"name\",\"value\":\"shop\",\"message\":\"no app default/shop\",\"hint\":\"berth get\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** Queues a status: revision, rollout phase, desired and ready replicas. */
  FakeMaster status(long revision, String phase, int desired, int ready, String message) {
    statuses.add("""
        {"spec":{"name":"shop","namespace":"default","image":"127.0.0.1:5000/shop:1","replicas":%d},
         "revision":%d,"desired":%d,"running":%d,"ready":%d,
         "rollout":{"revision":%d,"phase":"%s","desired":%d,"updated":%d,"ready":%d,"oldRemaining":0,
                    "message":"%s"}}
        """.formatted(desired, revision, desired, desired, ready, revision, phase, desired, ready, ready, message));
    return this;
  }

  /** The app is not on the master until the first apply. */
  FakeMaster newApp() {
    absentUntilApplied = true;
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
