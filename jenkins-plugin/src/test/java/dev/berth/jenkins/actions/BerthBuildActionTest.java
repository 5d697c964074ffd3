package dev.berth.jenkins.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.thoughtworks.xstream.XStream;
import dev.berth.jenkins.cluster.DeployResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BerthBuildActionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static BerthBuildAction recorded() {
    BerthBuildAction a = new BerthBuildAction();
    LinkedHashMap<String, Object> detect = new LinkedHashMap<>();
    detect.put("outcome", "OK");
    detect.put("stack", "spring-boot");
    detect.put("subtype", "fat-jar");
    detect.put("confidence", "HIGH");
    detect.put("artifact", "target/shop.jar");
    detect.put("reportFile", ".berth/detect-report.json");
    detect.put("jdkFloor", 17L);
    a.recordDetect(detect);
    a.recordImage("127.0.0.1:5000/shop:12", "sha256:" + "ab".repeat(32));
    a.recordDeploy(new DeployResult("shop", "default", 4, DeployResult.Outcome.FAILED, 1, 3, 61_000,
        "health check failed", "berth"), 1_764_057_600_000L);
    return a;
  }

  @Test
  void data_hasDetectImageAndDeploySections() throws Exception {
    JsonNode json = JSON.readTree(JSON.writeValueAsString(recorded().toMap()));

    assertThat(json.get("detect").get("stack").asText()).isEqualTo("spring-boot");
    assertThat(json.get("detect").get("confidence").asText()).isEqualTo("HIGH");
    assertThat(json.get("detect").get("artifact").asText()).isEqualTo("target/shop.jar");
    assertThat(json.get("image").get("image").asText()).isEqualTo("127.0.0.1:5000/shop:12");
    assertThat(json.get("image").get("digest").asText()).isEqualTo("sha256:" + "ab".repeat(32));
    JsonNode deploy = json.get("deploy");
    assertThat(deploy.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(deploy.get("ready").asLong()).isEqualTo(1);
    assertThat(deploy.get("desired").asLong()).isEqualTo(3);
    assertThat(deploy.get("revision").asLong()).isEqualTo(4);
    assertThat(deploy.get("message").asText()).isEqualTo("health check failed");
    assertThat(deploy.get("deployedAtMs").asLong()).isEqualTo(1_764_057_600_000L);
    assertThat(deploy.get("dashboardPath").asText()).isEqualTo("berth/#default/shop");
    assertThat(deploy.get("target").asText()).isEqualTo("berth");
    DashboardDataTest.assertPlain(recorded().toMap());
  }

  @Test
  void kubernetesDeploy_showsItsTargetAndNoDashboardLink() {
    BerthBuildAction a = new BerthBuildAction();
    a.recordDeploy(new DeployResult("shop", "default", 2, DeployResult.Outcome.SUCCEEDED, 3, 3, 9_000, "",
        "kubernetes"), 1L);

    assertThat(((Map<?, ?>) a.toMap().get("deploy")).get("target")).isEqualTo("kubernetes");
    assertThat(a.getDashboardPath()).isEmpty();
  }

  @Test
  void xstream_aBuildXmlFromBeforeTargets_readsBerth() {
    XStream xstream = new XStream();
    xstream.allowTypes(new Class<?>[] {BerthBuildAction.class});

    BerthBuildAction loaded = (BerthBuildAction) xstream.fromXML(
        "<dev.berth.jenkins.actions.BerthBuildAction><app>shop</app><namespace>default</namespace>"
            + "<deployOutcome>SUCCEEDED</deployOutcome></dev.berth.jenkins.actions.BerthBuildAction>");

    assertThat(loaded.getDeployTarget()).isEqualTo("berth");
    assertThat(loaded.getDashboardPath()).isEqualTo("berth/#default/shop");
  }

  @Test
  void sectionsAppearOnlyOnceRecorded() {
    BerthBuildAction a = new BerthBuildAction();
    assertThat(a.toMap()).isEmpty();
    assertThat(a.getDashboardPath()).isEmpty();
    a.recordDetect(Map.of("outcome", "AMBIGUOUS", "reportFile", ".berth/detect-report.json"));
    assertThat(a.toMap()).containsOnlyKeys("detect");
  }

  @Test
  void image_digestFromAPinnedReference_andKeptForTheSameImage() {
    BerthBuildAction a = new BerthBuildAction();
    String digest = "sha256:" + "cd".repeat(32);
    a.recordImage("127.0.0.1:5000/shop@" + digest, "");
    assertThat(a.getDigest()).isEqualTo(digest);
    a.recordImage("127.0.0.1:5000/shop:12", digest);
    a.recordImage("127.0.0.1:5000/shop:12", "");
    assertThat(a.getDigest()).isEqualTo(digest);
    a.recordImage("127.0.0.1:5000/shop:13", "");
    assertThat(a.getDigest()).isEmpty();
  }

  @Test
  void builtReference_staysWhatBerthBuildBuilt_whenADeployNamesAnotherImage() {
    BerthBuildAction a = new BerthBuildAction();
    assertThat(a.getBuiltReference()).isEmpty();
    a.recordBuild("127.0.0.1:5000/shop:12", java.util.List.of("127.0.0.1:5000/shop:12"), "", "sha256:" + "ef".repeat(32),
        "cluster", "127.0.0.1:5000/shop@sha256:" + "ef".repeat(32));
    a.recordImage("127.0.0.1:5000/other:3", "");

    assertThat(a.getImage()).isEqualTo("127.0.0.1:5000/other:3");
    assertThat(a.getBuiltReference()).isEqualTo("127.0.0.1:5000/shop@sha256:" + "ef".repeat(32));
  }

  @Test
  void build_recordsReferencesIdDigestAndBuilder_andADeployOfTheSameImageKeepsThem() throws Exception {
    BerthBuildAction a = new BerthBuildAction();
    String digest = "sha256:" + "ef".repeat(32);
    a.recordBuild("127.0.0.1:5000/shop:12", java.util.List.of("127.0.0.1:5000/shop:12", "127.0.0.1:5000/shop:latest"),
        "sha256:" + "01".repeat(32), digest, "jib", "127.0.0.1:5000/shop@" + digest);
    a.recordImage("127.0.0.1:5000/shop:12", "");

    JsonNode image = JSON.readTree(JSON.writeValueAsString(a.toMap())).get("image");
    assertThat(image.get("image").asText()).isEqualTo("127.0.0.1:5000/shop:12");
    assertThat(image.get("digest").asText()).isEqualTo(digest);
    assertThat(image.get("imageId").asText()).isEqualTo("sha256:" + "01".repeat(32));
    assertThat(image.get("builder").asText()).isEqualTo("jib");
    assertThat(image.get("tags")).extracting(JsonNode::asText)
        .containsExactly("127.0.0.1:5000/shop:12", "127.0.0.1:5000/shop:latest");
    DashboardDataTest.assertPlain(a.toMap());
  }

  @Test
  void xstreamRoundTrip_keepsEveryRecord_andDropsTheRun() {
    XStream xstream = new XStream();
    xstream.allowTypes(new Class<?>[] {BerthBuildAction.class});
    BerthBuildAction before = recorded();

    String xml = xstream.toXML(before);
    BerthBuildAction after = (BerthBuildAction) xstream.fromXML(xml);

    assertThat(xml).startsWith("<dev.berth.jenkins.actions.BerthBuildAction>").doesNotContain("<run");
    assertThat(after.toMap()).isEqualTo(before.toMap());
    assertThat(after.getRun()).isNull();
  }

  @Test
  void xstream_anOlderBuildXmlWithoutDeployFields_loadsWithDetectOnly() {
    XStream xstream = new XStream();
    xstream.allowTypes(new Class<?>[] {BerthBuildAction.class});

    BerthBuildAction loaded = (BerthBuildAction) xstream.fromXML(
        "<dev.berth.jenkins.actions.BerthBuildAction><detectOutcome>OK</detectOutcome><stack>node</stack>"
            + "</dev.berth.jenkins.actions.BerthBuildAction>");

    assertThat(loaded.toMap()).containsOnlyKeys("detect");
    assertThat(((Map<?, ?>) loaded.toMap().get("detect")).get("stack")).isEqualTo("node");
  }

  @Test
  void persistedFields_areStringsAndPrimitivesOnly_theRunTransient() throws Exception {
    for (Field f : BerthBuildAction.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (f.getName().equals("run")) {
        assertThat(Modifier.isTransient(f.getModifiers())).as("run is transient").isTrue();
        continue;
      }
      assertThat(Modifier.isTransient(f.getModifiers())).as(f.getName()).isFalse();
      assertThat(f.getType().isPrimitive() || f.getType() == String.class)
          .as("%s is %s; JENKINS.md §4.3 allows primitives and String", f.getName(), f.getType()).isTrue();
    }
  }
}
