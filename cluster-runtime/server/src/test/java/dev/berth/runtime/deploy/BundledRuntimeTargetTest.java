package dev.berth.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.NodeTransports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled-runtime target against a real master on loopback, with no node joined. */
class BundledRuntimeTargetTest {

  @TempDir Path state;
  private MasterMain master;
  private BerthClient client;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    master = MasterMain.start(
        new MasterConfig(state, "127.0.0.1", 0, 0, "t"), NodeTransports.find(),
        new PrintStream(new ByteArrayOutputStream()));
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
  }

  @AfterEach
  void stop() {
    master.close();
  }

  @Test
  void deploy_withoutFollow_appliesTheSpec() throws Exception {
    AppSpec spec = ApiJson.readSpec("name: web\nimage: web:1\nreplicas: 2\n");

    DeployOutcome outcome = new BundledRuntimeTarget(client).deploy(
        new DeployRequest(spec, null, false, Duration.ofSeconds(5), false), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.APPLIED);
    assertThat(client.app("default", "web").desired()).isEqualTo(2);
    assertThat(progress).singleElement().asString().startsWith("app default/web ");
  }

  @Test
  void deploy_noNodeToRunOn_timesOutAndSaysTheRolloutGoesOn() throws Exception {
    AppSpec spec = ApiJson.readSpec("name: web\nimage: web:1\n");

    DeployOutcome outcome = new BundledRuntimeTarget(client, Duration.ofMillis(20)).deploy(
        new DeployRequest(spec, null, true, Duration.ofMillis(500), false), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.TIMED_OUT);
    assertThat(outcome.ready()).isZero();
    assertThat(outcome.desired()).isEqualTo(1);
    assertThat(progress).anyMatch(l -> l.startsWith("rollout "));
  }

  @Test
  void deploy_specTheMasterRefuses_isADeployExceptionNamingTheField() throws Exception {
    AppSpec spec = ApiJson.readSpec("name: web\nimage: web:1\n");

    assertThatThrownBy(() -> new BundledRuntimeTarget(client).deploy(
            new DeployRequest(spec, "name: web\nimage: web:1\nreplicas: -3\n", false, Duration.ofSeconds(5), false),
            progress::add))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("replicas");
  }
}
