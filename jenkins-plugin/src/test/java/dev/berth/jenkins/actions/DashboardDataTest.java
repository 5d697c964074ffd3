package dev.berth.jenkins.actions;

import static dev.berth.jenkins.actions.StatusFixtures.app;
import static dev.berth.jenkins.actions.StatusFixtures.overTheWire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardDataTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final DeployLedger.Entry SHOP_12 =
      new DeployLedger.Entry("shop-pipeline #12", "shop-pipeline#12", "job/shop-pipeline/12/", 1_764_057_600_000L,
          "SUCCEEDED", 4);

  @Test
  void rows_carryRevisionReplicasHealthNodesAndTheReadableLastDeploy() throws Exception {
    List<AppStatus> apps = overTheWire(
        app("default", "shop", 4, 3, 3, RolloutStatus.COMPLETE, "node-b", "node-a", "node-b"),
        app("team", "api", 7, 2, 1, RolloutStatus.FAILED, "node-c", "node-c"));

    JsonNode json = JSON.readTree(JSON.writeValueAsString(
        DashboardData.of(apps, Map.of("default/shop", SHOP_12), e -> "job/shop-pipeline/12/")));

    JsonNode shop = json.get("apps").get(0);
    assertThat(shop.get("namespace").asText()).isEqualTo("default");
    assertThat(shop.get("app").asText()).isEqualTo("shop");
    assertThat(shop.get("image").asText()).isEqualTo("127.0.0.1:5000/shop:4");
    assertThat(shop.get("revision").asLong()).isEqualTo(4);
    assertThat(shop.get("ready").asLong()).isEqualTo(3);
    assertThat(shop.get("desired").asLong()).isEqualTo(3);
    assertThat(shop.get("health").asText()).isEqualTo("HEALTHY");
    assertThat(shop.get("rollout").asText()).isEqualTo("COMPLETE");
    assertThat(JSON.convertValue(shop.get("nodes"), List.class)).containsExactly("node-a", "node-b");
    JsonNode deploy = shop.get("lastDeploy");
    assertThat(deploy.get("build").asText()).isEqualTo("shop-pipeline #12");
    assertThat(deploy.get("url").asText()).isEqualTo("job/shop-pipeline/12/");
    assertThat(deploy.get("atMs").asLong()).isEqualTo(1_764_057_600_000L);
    assertThat(deploy.get("outcome").asText()).isEqualTo("SUCCEEDED");

    JsonNode api = json.get("apps").get(1);
    assertThat(api.get("health").asText()).isEqualTo("DEGRADED");
    assertThat(api.get("rollout").asText()).isEqualTo("FAILED");
    assertThat(api.get("rolloutMessage").asText()).isEqualTo("health check failed");
    assertThat(JSON.convertValue(api.get("nodes"), List.class)).containsExactly("node-c");
    assertThat(api.has("lastDeploy")).isFalse();
    assertThat(json.has("error")).isFalse();
  }

  @Test
  void aBuildTheUserCannotRead_isNotNamed() throws Exception {
    List<AppStatus> apps = overTheWire(app("default", "shop", 4, 3, 3, RolloutStatus.COMPLETE, "node-a"));

    JsonNode deploy = JSON.readTree(JSON.writeValueAsString(
        DashboardData.of(apps, Map.of("default/shop", SHOP_12), e -> null))).get("apps").get(0).get("lastDeploy");

    assertThat(deploy.get("outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(deploy.has("build")).isFalse();
    assertThat(deploy.has("url")).isFalse();
  }

  @Test
  void health_followsReadyAgainstDesired() {
    assertThat(DashboardData.health(app("d", "a", 1, 2, 2, null))).isEqualTo("HEALTHY");
    assertThat(DashboardData.health(app("d", "a", 1, 2, 1, null))).isEqualTo("DEGRADED");
    assertThat(DashboardData.health(app("d", "a", 1, 2, 0, null))).isEqualTo("DOWN");
    assertThat(DashboardData.health(app("d", "a", 1, 0, 0, null))).isEqualTo("STOPPED");
  }

  @Test
  void valuesAreOnlyTheTypesOkJsonTakes() {
    Map<String, Object> data = DashboardData.of(
        overTheWire(app("default", "shop", 4, 3, 3, null, "node-a")), Map.of("default/shop", SHOP_12), e -> "u");
    assertPlain(data);
    assertThat(((List<?>) data.get("apps")).get(0)).asString().contains("rollout=NONE");
  }

  /** json-lib's JSONObject.fromObject reads String, Number, Boolean, List and Map; anything else becomes a bean. */
  static void assertPlain(Object value) {
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        assertThat(k).isInstanceOf(String.class);
        assertPlain(v);
      });
    } else if (value instanceof List<?> l) {
      l.forEach(DashboardDataTest::assertPlain);
    } else {
      assertThat(value).isInstanceOfAny(String.class, Long.class, Boolean.class);
    }
  }
}
