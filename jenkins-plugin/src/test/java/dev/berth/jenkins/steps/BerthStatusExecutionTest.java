package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.TaskListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** berthStatus against a real HTTP server on loopback that answers as the master's API does. */
class BerthStatusExecutionTest {

  static final String TOKEN = "s3cret-token-value";
  static final String STATUS = """
      {"spec":{"name":"shop","namespace":"default","image":"127.0.0.1:5000/shop:7"},
       "revision":7,"desired":3,"running":3,"ready":2,
       "rollout":{"revision":7,"phase":"PROGRESSING","desired":3,"updated":2,"ready":2,"oldRemaining":1,
                  "message":"2 of 3 updated"}}
      """;

  HttpServer master;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void startMaster() throws Exception {
    master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    master.createContext("/v1/apps/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      boolean known = exchange.getRequestURI().getPath().equals("/v1/apps/default/shop");
      byte[] body = (known ? STATUS
          : "{\"field\":\"name\",\"value\":\"nope\",\"message\":\"no app default/nope\",\"hint\":\"berth get\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(known ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    master.start();
  }

  @AfterEach
  void stopMaster() {
    master.stop(0);
  }

  EnvVars env() {
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", "http://127.0.0.1:" + master.getAddress().getPort());
    env.put("BERTH_TOKEN", TOKEN);
    return env;
  }

  Map<String, Object> run(BerthStatusStep step, EnvVars env) throws Exception {
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env);
    BerthStatusExecution execution = (BerthStatusExecution) step.start(context);
    return execution.run();
  }

  @Test
  void run_knownApp_returnsStatusMapAndLogsOneLineWithoutTheToken() throws Exception {
    Map<String, Object> result = run(new BerthStatusStep("shop"), env());

    assertThat(result).containsEntry("app", "shop").containsEntry("namespace", "default")
        .containsEntry("revision", 7L).containsEntry("desired", 3L).containsEntry("running", 3L)
        .containsEntry("healthy", 2L).containsEntry("ready", false).containsEntry("rollout", "PROGRESSING")
        .containsEntry("rolloutMessage", "2 of 3 updated");
    assertThat(result.values()).allMatch(v -> v instanceof String || v instanceof Long || v instanceof Boolean);
    assertThat(requests).containsExactly("GET /v1/apps/default/shop Bearer " + TOKEN);
    assertThat(listener.text()).contains("default/shop revision 7: 2/3 healthy").doesNotContain(TOKEN);
  }

  @Test
  void run_unknownApp_failsWithTheMastersMessage() {
    assertThatThrownBy(() -> run(new BerthStatusStep("nope"), env()))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("cannot read default/nope")
        .hasMessageContaining("no app default/nope")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void run_noMasterUrl_failsNamingTheVariable() {
    EnvVars env = env();
    env.remove("BERTH_MASTER_URL");
    // The controller's own environment is the fallback; this test needs it unset too.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("BERTH_MASTER_URL") == null);
    assertThatThrownBy(() -> run(new BerthStatusStep("shop"), env))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("BERTH_MASTER_URL is not set");
    assertThat(requests).isEmpty();
  }

  @Test
  void run_emptyApp_failsBeforeAnyRequest() {
    assertThatThrownBy(() -> run(new BerthStatusStep(" "), env()))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("no app given");
    assertThat(requests).isEmpty();
  }
}
