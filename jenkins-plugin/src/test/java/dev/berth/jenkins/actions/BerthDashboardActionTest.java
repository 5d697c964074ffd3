package dev.berth.jenkins.actions;

import static dev.berth.jenkins.actions.StatusFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.RolloutStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's JSON through the real {@code BerthClient} against a loopback master serving runtime JSON. */
class BerthDashboardActionTest {

  private static final String TOKEN = "s3cret-token-value";

  private HttpServer master;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile int code = 200;
  private volatile String body;

  @BeforeEach
  void start() throws IOException {
    master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    master.createContext("/v1/apps", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    master.start();
  }

  @AfterEach
  void stop() {
    master.stop(0);
  }

  private Map<String, String> env() {
    return Map.of("BERTH_MASTER_URL", "http://127.0.0.1:" + master.getAddress().getPort(), "BERTH_TOKEN", TOKEN);
  }

  @Test
  void listsTheMastersApps_withTheLedgersBuild() {
    body = ApiJson.toJson(List.of(app("default", "shop", 2, 2, 2, RolloutStatus.COMPLETE, "node-a", "node-b")));
    DeployLedger.Entry entry = new DeployLedger.Entry("p #3", "p#3", "job/p/3/", 5L, "SUCCEEDED", 2);

    Map<String, Object> data = BerthDashboardAction.data(env(), Map.of("default/shop", entry));

    assertThat(requests).containsExactly("GET /v1/apps Bearer " + TOKEN);
    List<?> apps = (List<?>) data.get("apps");
    assertThat(apps).hasSize(1);
    Map<?, ?> row = (Map<?, ?>) apps.get(0);
    assertThat(row.get("app")).isEqualTo("shop");
    assertThat(row.get("ready")).isEqualTo(2L);
    assertThat(row.get("nodes")).isEqualTo(List.of("node-a", "node-b"));
    // Run.fromExternalizableId needs Jenkins: outside it the build is treated as unreadable and not named.
    Map<?, ?> deploy = (Map<?, ?>) row.get("lastDeploy");
    assertThat(deploy.get("outcome")).isEqualTo("SUCCEEDED");
    assertThat(deploy.containsKey("url")).isFalse();
    DashboardDataTest.assertPlain(data);
  }

  @Test
  void aRefusingMaster_isAnErrorWithoutTheToken() {
    code = 401;
    body = "{\"field\":\"\",\"message\":\"token rejected\",\"hint\":\"check BERTH_TOKEN\"}";

    Map<String, Object> data = BerthDashboardAction.data(env(), Map.of());

    assertThat(data.get("apps")).isEqualTo(List.of());
    assertThat((String) data.get("error")).contains("token rejected").doesNotContain(TOKEN);
  }

  @Test
  void noMasterConfigured_isAnErrorNamingTheVariable() {
    Map<String, Object> data = BerthDashboardAction.data(Map.of("BERTH_TOKEN", TOKEN), Map.of());

    assertThat((String) data.get("error")).contains("BERTH_MASTER_URL").doesNotContain(TOKEN);
    assertThat(requests).isEmpty();
  }
}
