package dev.berth.runtime.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BerthClient#followBuild} against a loopback master whose job never ends. */
class BerthClientBuildTest {

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/builds", exchange -> {
      String json = exchange.getRequestURI().getPath().endsWith("/logs")
          ? "{\"lines\":[\"Step 1/2 : FROM berth/jre:17\"],\"nextLine\":1,\"finished\":false}"
          : "{\"id\":\"b-7\",\"phase\":\"RUNNING\",\"node\":\"n1\",\"message\":\"assigned to node n1\","
              + "\"tags\":[\"shop:1\"],\"submittedAt\":\"2026-11-25T10:00:00Z\"}";
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void followBuild_pastItsTimeout_failsNamingThePhase_andHintsAtWhatExists() {
    BerthClient client = new BerthClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "t");
    List<String> lines = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> client.followBuild("b-7", lines::add, Duration.ZERO))
        .isInstanceOf(BerthApiException.class)
        .hasMessageContaining("build job b-7 is still RUNNING after 0s: assigned to node n1")
        // The hint names the API's own calls: the CLI has no command listing build jobs.
        .hasMessageContaining("GET /v1/builds/b-7/logs").hasMessageContaining("DELETE /v1/builds/b-7")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("berth builds"));
    assertThat(lines).containsExactly("Step 1/2 : FROM berth/jre:17");
  }
}
