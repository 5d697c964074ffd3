package dev.berth.runtime.agent;

import org.junit.jupiter.api.BeforeAll;
import dev.berth.imagebuilder.base.BaseImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.master.transport.KryonetNodeTransport;
import dev.berth.runtime.wire.JoinToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master and a Kryonet agent on loopback, the agent on the real engine: join with the token, run an app behind
 * health checks, serve logs over request/response, re-adopt containers after an agent restart, refuse wrong tokens.
 */
@ExtendWith(DockerEngine.class)
class MasterAgentIT {

  private static final String IMAGE = "berth/static:busybox";

  @BeforeAll
  static void baseImage() throws Exception {
    BaseImages.shared().ensure("static");
  }

  @TempDir Path state;
  @TempDir Path agentState;
  private final ByteArrayOutputStream masterLog = new ByteArrayOutputStream();
  private MasterMain master;
  private BerthClient client;
  private RunningAgent agent;
  private String nodeId;

  @BeforeEach
  void start() throws Exception {
    PrintStream log = new PrintStream(masterLog, true);
    master = MasterMain.start(new MasterConfig(state, "127.0.0.1", 0, 0, "t"),
        (dir, host, port, inbox) -> KryonetNodeTransport.start(dir, host, port, inbox, log), log);
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
    nodeId = "it-" + DockerEngine.runId();
    agent = startAgent(JoinTokenFile.readOrCreate(state));
  }

  private RunningAgent startAgent(JoinToken token) {
    return AgentMain.start(new AgentConfig("127.0.0.1", master.nodePort(), token, nodeId, "127.0.0.1", null,
        agentState, Map.of("zone", "a"), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())));
  }

  @AfterEach
  void stop() throws Exception {
    if (master != null) {
      for (AppStatus a : client.apps()) {
        client.delete(a.spec().namespace(), a.spec().name());
      }
      if (agent != null && agent.joined()) {
        awaitTrue(() -> containers().isEmpty(), Duration.ofSeconds(15));
      }
    }
    if (agent != null) {
      agent.close();
    }
    if (master != null) {
      master.close();
    }
    try (DockerClient d = DockerClients.local()) {
      // Leave nothing behind even if the agent did not converge.
      for (String id : containers()) {
        try {
          d.removeContainerCmd(id).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
          // The agent removed it meanwhile.
        }
      }
    }
  }

  private List<String> containers() {
    try (DockerClient d = DockerClients.local()) {
      return d.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())).exec().stream()
          .map(c -> c.getId()).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void agentJoins_runsAppBehindHealthCheck_andServesLogs() throws Exception {
    awaitTrue(() -> agent.joined(), Duration.ofSeconds(10));
    assertThat(client.nodes()).anySatisfy(n -> assertThat(n.toString()).contains(nodeId));

    client.apply("name: web\nimage: " + IMAGE + "\nreplicas: 2\ncommand: [httpd, -f, -v, -p, '8080', -h, /www]\n"
        + "ports: [{name: http, port: 8080}]\nconfigFiles: [{path: /www/index.html, content: \"hi over kryonet\"}]\n"
        + "resources: {memory: 32Mi, cpu: 100m}\nhealth: {http: {path: /index.html}, period: 1s}\n");

    AppStatus s = await("web", a -> a.ready() == 2, Duration.ofSeconds(30));
    ReplicaStatus r = s.replicas().get(0);
    assertThat(r.node()).isEqualTo(nodeId);
    assertThat(r.health()).isEqualTo("healthy");
    String body = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.hostPorts().get(8080) + "/index.html")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(body).isEqualTo("hi over kryonet");

    String logs = client.logs("default", "web", r.id(), 20);
    // busybox httpd -v logs one "response:200" line per request it served.
    assertThat(logs).contains("response:200");
  }

  @Test
  void restartedAgent_adoptsRunningContainers_withoutRestartingThem() throws Exception {
    client.apply("name: keep\nimage: " + IMAGE + "\nreplicas: 2\ncommand: [sleep, '600']\n"
        + "resources: {memory: 16Mi, cpu: 50m}\n");
    await("keep", a -> a.ready() == 2, Duration.ofSeconds(30));
    List<String> before = containers();

    agent.close();
    agent = startAgent(JoinTokenFile.readOrCreate(state));
    awaitTrue(() -> agent.joined(), Duration.ofSeconds(10));
    Thread.sleep(3000);

    AppStatus after = await("keep", a -> a.ready() == 2, Duration.ofSeconds(10));
    assertThat(containers()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(after.replicas()).allSatisfy(r -> assertThat(r.restarts()).isZero());
  }

  @Test
  void restartedMaster_getsTheAgentBack_andKeepsItsContainers() throws Exception {
    client.apply("name: survive\nimage: " + IMAGE + "\nreplicas: 2\ncommand: [sleep, '600']\n"
        + "resources: {memory: 16Mi, cpu: 50m}\n");
    await("survive", a -> a.ready() == 2, Duration.ofSeconds(30));
    List<String> before = containers();
    int nodePort = master.nodePort();

    master.close();
    PrintStream log = new PrintStream(masterLog, true);
    master = MasterMain.start(new MasterConfig(state, "127.0.0.1", 0, nodePort, "t"),
        (dir, host, port, inbox) -> KryonetNodeTransport.start(dir, host, port, inbox, log), log);
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");

    awaitTrue(() -> agent.joined(), Duration.ofSeconds(15));
    AppStatus after = await("survive", a -> a.ready() == 2, Duration.ofSeconds(20));
    Thread.sleep(2000);
    assertThat(containers()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(after.replicas()).allSatisfy(r -> assertThat(r.node()).isEqualTo(nodeId));
  }

  @Test
  void crashingReplica_isReportedWithExitCodeAndLastLines_andRestartedByTheMaster() throws Exception {
    client.apply("name: crash\nimage: " + IMAGE + "\ncommand: [sh, -c, 'echo about to fail; exit 3']\n"
        + "resources: {memory: 16Mi, cpu: 50m}\n");

    AppStatus s = await("crash", a -> !a.replicas().isEmpty() && a.replicas().get(0).restarts() >= 2, Duration.ofSeconds(25));

    ReplicaStatus r = s.replicas().get(0);
    assertThat(r.lastExitCode()).isEqualTo(3);
    assertThat(r.oomKilled()).isFalse();
    assertThat(r.lastLogLines()).contains("about to fail");
  }

  @Test
  void memoryHog_isReportedOomKilled() throws Exception {
    client.apply("name: hog\nimage: " + IMAGE + "\ncommand: [sh, -c, 'x=a; while true; do x=$x$x; done']\n"
        + "resources: {memory: 8Mi, cpu: 200m}\n");

    AppStatus s = await("hog", a -> !a.replicas().isEmpty() && a.replicas().get(0).lastExitCode() != null, Duration.ofSeconds(30));

    assertThat(s.replicas().get(0).lastExitCode()).isEqualTo(137);
    assertThat(s.replicas().get(0).oomKilled()).isTrue();
  }

  @Test
  void wrongTokens_areRefusedAndLogged_andNeverJoin() throws Exception {
    JoinToken real = JoinTokenFile.readOrCreate(state);
    String[] parts = real.write().split("\\.");
    JoinToken sameIdWrongSecret = JoinToken.parse(parts[0] + "." + JoinToken.generate().write().split("\\.")[1]);
    agent.close();
    nodeId = "it-wrong-" + DockerEngine.runId();

    agent = startAgent(JoinToken.generate());
    awaitTrue(() -> "UNKNOWN_TOKEN".equals(agent.lastRefusal()), Duration.ofSeconds(10));
    agent.close();
    agent = startAgent(sameIdWrongSecret);
    awaitTrue(() -> "AUTH_FAILED".equals(agent.lastRefusal()), Duration.ofSeconds(10));

    assertThat(agent.joined()).isFalse();
    assertThat(client.nodes()).noneSatisfy(n -> assertThat(n.toString()).contains("it-wrong-"));
    String log = masterLog.toString();
    assertThat(log).contains("UNKNOWN_TOKEN").contains("AUTH_FAILED");
    assertThat(log).doesNotContain(parts[1]);
  }

  @Test
  void secondAgentWithTheSameNodeId_isRefused_andTheFirstKeepsItsReplicas() throws Exception {
    client.apply("name: twin\nimage: " + IMAGE + "\nreplicas: 2\ncommand: [sleep, '600']\n"
        + "resources: {memory: 8Mi, cpu: 10m}\n");
    AppStatus before = await("twin", a -> a.ready() == 2, Duration.ofSeconds(30));
    List<String> containersBefore = containers();

    RunningAgent twin = startAgent(JoinTokenFile.readOrCreate(state));
    try {
      awaitTrue(() -> "NODE_ID_IN_USE".equals(twin.lastRefusal()), Duration.ofSeconds(10));
      Thread.sleep(2000); // two heartbeats: the twin stays out while the first agent lives
      assertThat(twin.joined()).isFalse();
      assertThat(agent.joined()).isTrue();
      AppStatus after = client.app("default", "twin");
      assertThat(after.ready()).isEqualTo(2);
      assertThat(after.replicas()).extracting(r -> r.id())
          .containsExactlyInAnyOrderElementsOf(before.replicas().stream().map(r -> r.id()).toList());
      assertThat(containers()).containsExactlyInAnyOrderElementsOf(containersBefore);
      assertThat(masterLog.toString()).contains("NODE_ID_IN_USE").contains("give this agent its own --node-id");
    } finally {
      twin.close();
    }
  }

  private AppStatus await(String app, Predicate<AppStatus> condition, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (true) {
      AppStatus s = client.app("default", app);
      if (condition.test(s)) {
        return s;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + within + ": " + s);
      }
      Thread.sleep(50);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
    long until = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + within);
      }
      Thread.sleep(50);
    }
  }
}
