package dev.berth.runtime.master;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composed master (real timers, queues, durable store, HTTP API) with simulated nodes. */
class MasterMainTest {

  @TempDir Path state;
  private final SimulatedNodes nodes = new SimulatedNodes();
  private MasterMain master;
  private BerthClient client;

  @BeforeEach
  void start() throws Exception {
    master =
        MasterMain.start(
            new MasterConfig(state, "127.0.0.1", 0, 0, "t"), nodes.factory(), new PrintStream(new ByteArrayOutputStream()));
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
    nodes.join("a");
    nodes.join("b");
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private AppStatus await(Predicate<AppStatus> condition, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    AppStatus s = client.app("default", "web");
    while (!condition.test(s)) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + within + "; last status: " + s);
      }
      Thread.sleep(20);
      s = client.app("default", "web");
    }
    return s;
  }

  private long awaitDown(String node, Duration within, long t0) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until) {
      if (client.nodes().stream().anyMatch(n -> n.id().equals(node) && n.state().equals("DOWN"))) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("node " + node + " not DOWN within " + within);
  }

  @Test
  void apply_twoReplicas_readyOnTwoNodes() throws Exception {
    client.apply("name: web\nimage: web:1\nreplicas: 2\n");

    AppStatus s = await(a -> a.ready() == 2 && a.rollout().phase().equals("COMPLETE"), Duration.ofSeconds(5));

    assertThat(s.replicas()).extracting(ReplicaStatus::node).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void silentNode_downWithin3s_replicasReplaced() throws Exception {
    client.apply("name: web\nimage: web:1\nreplicas: 2\n");
    await(a -> a.ready() == 2, Duration.ofSeconds(5));

    long t0 = System.nanoTime();
    nodes.silence("b");
    long downMs = awaitDown("b", Duration.ofSeconds(6), t0);
    await(a -> a.ready() == 2 && a.replicas().stream().allMatch(r -> "a".equals(r.node())), Duration.ofSeconds(2));

    assertThat(downMs).as("silence to DOWN, ms").isLessThan(3_000);
  }

  @Test
  void closedConnection_downWithin1s_replicasReplaced() throws Exception {
    client.apply("name: web\nimage: web:1\nreplicas: 2\n");
    await(a -> a.ready() == 2, Duration.ofSeconds(5));

    long t0 = System.nanoTime();
    nodes.disconnect("b");
    long downMs = awaitDown("b", Duration.ofSeconds(3), t0);
    await(a -> a.ready() == 2 && a.replicas().stream().allMatch(r -> "a".equals(r.node())), Duration.ofSeconds(2));

    assertThat(downMs).as("close to DOWN, ms").isLessThan(1_000);
    assertThat(nodes.latest("b").replicas()).isEmpty();
  }
}
