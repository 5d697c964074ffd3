package dev.berth.jenkins.workspace;

import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Asks the Docker engine that image-builder's engine backend would use ({@code DOCKER_HOST}, else
 * {@code /var/run/docker.sock}) whether it answers {@code GET /_ping}, without loading docker-java.
 */
public final class EngineProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private EngineProbe() {}

  /** The engine's address as {@code DOCKER_HOST} in {@code environment} names it, or the default socket. */
  public static String address(Map<String, String> environment) {
    String host = environment.get("DOCKER_HOST");
    return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host.trim();
  }

  /** Why the engine cannot be used, or {@code null} when it answers. */
  public static String problem(Map<String, String> environment) {
    String address = address(environment);
    try {
      String body;
      if (address.startsWith("unix://")) {
        body = unixPing(Path.of(address.substring("unix://".length())));
      } else if (address.startsWith("tcp://")) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        body = http.send(HttpRequest.newBuilder(URI.create("http://" + address.substring(6) + "/_ping"))
            .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
      } else {
        return "DOCKER_HOST '" + address + "' is neither unix:// nor tcp://";
      }
      return body.endsWith("OK") ? null : "the Docker engine at " + address + " did not answer /_ping with OK";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while asking the Docker engine at " + address;
    } catch (IOException | RuntimeException e) {
      return "no Docker engine answers at " + address + " (" + e.getMessage() + ")";
    }
  }

  private static String unixPing(Path socket) throws IOException {
    if (!Files.exists(socket)) {
      throw new IOException("no socket " + socket);
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        Selector selector = Selector.open()) {
      channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      // A blocking channel read has no timeout: an engine that accepts but never answers would hang the step.
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      StringBuilder response = new StringBuilder();
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
          throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s");
        }
        selector.selectedKeys().clear();
        int n = channel.read(buffer);
        if (n < 0) {
          return response.toString();
        }
        buffer.flip();
        response.append(StandardCharsets.US_ASCII.decode(buffer));
        buffer.clear();
      }
    }
  }
}
