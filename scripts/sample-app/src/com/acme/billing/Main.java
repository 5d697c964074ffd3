package com.acme.billing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A small legacy-style billing service: answers / and /health on the port given by -Dhttp.port. */
public final class Main {

  public static void main(String[] args) throws IOException {
    int port = Integer.getInteger("http.port", 8081);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/health", exchange -> reply(exchange, "{\"status\":\"UP\"}"));
    server.createContext("/", exchange -> reply(exchange,
        "{\"service\":\"billing\",\"maxHeapMiB\":" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + ",\"jvmArgs\":\"" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                .replace("\"", "'") + "\"}"));
    server.start();
    System.out.println("billing listening on " + port);
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
