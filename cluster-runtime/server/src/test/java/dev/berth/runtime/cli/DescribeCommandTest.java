package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeCommandTest {

  static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

  private static ReplicaStatus replica(String id, String node, String jvmSizing) {
    return new ReplicaStatus(id, node, 1, ReplicaStatus.Phase.RUNNING, "healthy", 0, null, false, null, "10.0.0.1",
        NOW, null, null, "", List.of(), null, jvmSizing);
  }

  private static String describe(ReplicaStatus... replicas) {
    AppStatus app = new AppStatus(ApiJson.readSpec("name: billing\nimage: reg.example/billing:1\nreplicas: 3\n"),
        1, 3, replicas.length, replicas.length, List.of(replicas),
        new RolloutStatus(1, RolloutStatus.COMPLETE, 3, 3, 3, 0, NOW, null, "done"), List.of());
    StringWriter text = new StringWriter();
    DescribeCommand.print(new PrintWriter(text), app, NOW);
    return text.toString();
  }

  @Test
  void saysWhereTheReplicasJvmFlagsCameFrom_onceEach() {
    String text = describe(replica("billing-1-a", "n1", "image labels on node n1"),
        replica("billing-1-b", "n2", "image labels on node n2"), replica("billing-1-c", "n1", "image labels on node n1"));

    assertThat(text.lines().filter(l -> l.startsWith("JVM flags:")))
        .containsExactly("JVM flags:  from image labels on node n1; image labels on node n2");
  }

  @Test
  void saysNothingOfJvmFlags_forAnAppThatIsNoSizedJvm() {
    assertThat(describe(replica("billing-1-a", "n1", ""))).doesNotContain("JVM flags:");
  }
}
