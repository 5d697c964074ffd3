package dev.berth.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.BeforeAll;
import dev.berth.imagebuilder.base.BaseImages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.NodeStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.master.transport.KryonetTransportFactory;
import dev.berth.runtime.wire.JoinToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one machine (two of them extra engines): killing one node (its agent and its engine) gets its
 * replicas running on the others. Prints the measured detection and replacement times; the assertion's bound is
 * generous on purpose (a 2-core CI box), the figures go to docs/BENCHMARKS.md.
 */
@ExtendWith(DockerEngine.class)
class NodeFailoverIT {

  private static final String IMAGE = "berth/static:busybox";

  @BeforeAll
  static void baseImage() throws Exception {
    BaseImages.shared().ensure("static");
  }
  private static final int REPLICAS = Integer.getInteger("berth.failover.replicas", 6);

  @TempDir Path state;
  private final ExtraEngines engines = new ExtraEngines();
  private final Map<String, RunningAgent> agents = new HashMap<>();
  private final Map<String, ExtraEngines.Engine> engineOf = new HashMap<>();
  private MasterMain master;
  private BerthClient client;

  @BeforeEach
  void start() throws Exception {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertTrue(ExtraEngines.available(),
          "CI=true: multi-node tests must run; extra engines need root, dockerd, ip and iptables");
    }
    Assumptions.assumeTrue(ExtraEngines.available(), "extra engines need root, dockerd, ip and iptables");
    master = MasterMain.start(new MasterConfig(state, "127.0.0.1", 0, 0, "t"), new KryonetTransportFactory(),
        new PrintStream(new ByteArrayOutputStream(), true));
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
    JoinToken token = JoinTokenFile.readOrCreate(state);
    for (int i = 0; i < 3; i++) {
      ExtraEngines.Engine e = engines.start();
      engines.copyImage(e, IMAGE);
      String node = "x" + e.k() + "-" + DockerEngine.runId();
      engineOf.put(node, e);
      agents.put(node, AgentMain.start(new AgentConfig("127.0.0.1", master.nodePort(), token, node, "127.0.0.1",
          e.dockerHost(), state.resolve(node), Map.of(), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))));
    }
  }

  @AfterEach
  void stop() {
    agents.values().forEach(RunningAgent::close);
    if (master != null) {
      master.close();
    }
    // Stops the engines (and with them every container of this test), then removes rules, bridges and folders.
    engines.close();
  }

  @Test
  void killedNode_isDetected_andItsReplicasRunElsewhere() throws Exception {
    await(() -> client.nodes().stream().filter(n -> "READY".equals(n.state())).count() == 3, Duration.ofSeconds(20));
    client.apply("name: spread\nimage: " + IMAGE + "\nreplicas: " + REPLICAS + "\ncommand: [sleep, '600']\n"
        + "resources: {memory: 8Mi, cpu: 10m}\n");
    await(() -> client.app("default", "spread").ready() == REPLICAS, Duration.ofSeconds(60));
    String victim = busiestNode(client.app("default", "spread"));
    long onVictim = client.app("default", "spread").replicas().stream().filter(r -> victim.equals(r.node())).count();

    // The engine stops beside the detection: its shutdown takes seconds and must not count as detection time.
    Thread engineKill = new Thread(() -> engines.kill(engineOf.get(victim)), "kill-engine");
    long killedAt = System.nanoTime();
    agents.remove(victim).close();
    engineKill.start();
    await(() -> client.nodes().stream().anyMatch(n -> n.id().equals(victim) && "DOWN".equals(n.state())),
        Duration.ofSeconds(10));
    long detectedAt = System.nanoTime();
    await(() -> {
      AppStatus s = client.app("default", "spread");
      return s.ready() == REPLICAS && s.replicas().stream().noneMatch(r -> victim.equals(r.node()));
    }, Duration.ofSeconds(30));
    long replacedAt = System.nanoTime();
    engineKill.join();

    System.out.printf("failover: %d replicas, %d on the killed node; detected %d ms after the kill,"
        + " all running elsewhere %d ms after detection%n", REPLICAS, onVictim,
        (detectedAt - killedAt) / 1_000_000, (replacedAt - detectedAt) / 1_000_000);
    List<String> nodes = new ArrayList<>();
    client.app("default", "spread").replicas().forEach(r -> nodes.add(r.node()));
    assertThat(nodes).doesNotContain(victim).doesNotContainNull();
    assertThat(client.nodes()).filteredOn(n -> n.id().equals(victim)).extracting(NodeStatus::state)
        .containsExactly("DOWN");
  }

  @Test
  void frozenNode_isDetectedSilent_andItsReplicasRunElsewhere() throws Exception {
    // A fourth node whose agent runs in its own JVM, so SIGSTOP freezes it alone: its connection stays open and
    // only the missing heartbeats can tell the master (RUNTIME.md T4, silent case).
    ExtraEngines.Engine e = engines.start();
    engines.copyImage(e, IMAGE);
    String frozen = "frozen" + e.k() + "-" + DockerEngine.runId();
    Process agent = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), "dev.berth.runtime.cli.BerthCommand", "agent",
        "--join", "127.0.0.1:" + master.nodePort(), "--token-file", state.resolve(JoinTokenFile.FILE_NAME).toString(),
        "--node-id", frozen, "--docker-host", e.dockerHost(), "--state", state.resolve(frozen).toString(),
        "--label", "role=frozen")
        .redirectErrorStream(true)
        .redirectOutput(state.resolve("frozen-agent.log").toFile())
        .start();
    try {
      await(() -> client.nodes().stream().filter(n -> "READY".equals(n.state())).count() == 4,
          Duration.ofSeconds(30));
      int replicas = 4;
      client.apply("name: pinned\nimage: " + IMAGE + "\nreplicas: " + replicas + "\ncommand: [sleep, '600']\n"
          + "resources: {memory: 8Mi, cpu: 10m}\n");
      await(() -> client.app("default", "pinned").ready() == replicas, Duration.ofSeconds(60));
      // Spread puts at least one replica on the fourth node; wait until it is ready there.
      await(() -> client.app("default", "pinned").replicas().stream().anyMatch(r -> frozen.equals(r.node())),
          Duration.ofSeconds(30));

      long frozenAt = System.nanoTime();
      new ProcessBuilder("kill", "-STOP", Long.toString(agent.pid())).start().waitFor();
      await(() -> client.nodes().stream().anyMatch(n -> n.id().equals(frozen) && "DOWN".equals(n.state())),
          Duration.ofSeconds(15));
      long detectedAt = System.nanoTime();
      await(() -> {
        AppStatus s = client.app("default", "pinned");
        return s.ready() == replicas && s.replicas().stream().noneMatch(r -> frozen.equals(r.node()));
      }, Duration.ofSeconds(30));
      long replacedAt = System.nanoTime();

      System.out.printf("failover (frozen agent): detected %d ms after SIGSTOP, replicas running elsewhere"
          + " %d ms after detection%n", (detectedAt - frozenAt) / 1_000_000,
          (replacedAt - detectedAt) / 1_000_000);
      assertThat(client.nodes()).filteredOn(n -> n.id().equals(frozen)).singleElement()
          .satisfies(n -> assertThat(n.downReason()).startsWith("SILENT"));
    } finally {
      new ProcessBuilder("kill", "-CONT", Long.toString(agent.pid())).start().waitFor();
      agent.destroy();
      agent.waitFor();
    }
  }

  private static String busiestNode(AppStatus s) {
    Map<String, Integer> count = new HashMap<>();
    for (ReplicaStatus r : s.replicas()) {
      count.merge(r.node(), 1, Integer::sum);
    }
    return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + within);
      }
      Thread.sleep(25);
    }
  }
}
