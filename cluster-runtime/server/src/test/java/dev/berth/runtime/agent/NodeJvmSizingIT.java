package dev.berth.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import dev.berth.imagebuilder.testing.Samples;
import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.master.transport.KryonetNodeTransport;
import dev.berth.runtime.sizing.JvmSettings;
import dev.berth.runtime.sizing.JvmSizing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec applied over the HTTP API without {@code jvm.facts} (no engine next to the client fills them) for a
 * Berth-built JVM image: the node reads the image's fact labels and sizes the JVM from the container's limit, as
 * the master would have with those facts. A spec that carries facts is sized by the master, as before.
 */
@ExtendWith(DockerEngine.class)
class NodeJvmSizingIT {

  private static final long MEMORY = 512L << 20;
  private static final long CPU_MILLIS = 500;

  @TempDir static Path work;
  @TempDir static Path state;
  @TempDir static Path agentState;
  private static final ByteArrayOutputStream masterLog = new ByteArrayOutputStream();
  private static final ByteArrayOutputStream agentLog = new ByteArrayOutputStream();
  private static String image;
  private static AppFacts labelFacts;
  private static MasterMain master;
  private static RunningAgent agent;
  private static BerthClient client;
  private static String nodeId;

  @BeforeAll
  static void start() throws Exception {
    BaseImages.shared().ensure("jre-17");
    image = "berth-it/node-sizing:" + DockerEngine.runId().toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
    // The legacy JDK 7 dist, detected, rendered on the offline base and built with its fact labels.
    ImageBuilder.build(new BuildRequest(Samples.l1DistJdk7(work.resolve("app")), List.of(image), false,
        new BuildTarget.Engine(), null, true, work.resolve("out"), null), event -> {});
    try (DockerClient d = DockerClients.local()) {
      labelFacts = FactLabels.fromLabels(d.inspectImageCmd(image).exec().getConfig().getLabels());
    }
    assertThat(labelFacts.isJvm()).as("the built image's labels describe a JVM app: %s", labelFacts).isTrue();

    PrintStream log = new PrintStream(masterLog, true);
    master = MasterMain.start(new MasterConfig(state, "127.0.0.1", 0, 0, "t"),
        (dir, host, port, inbox) -> KryonetNodeTransport.start(dir, host, port, inbox, log), log);
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
    nodeId = "sizing-" + DockerEngine.runId();
    AgentConfig config = new AgentConfig("127.0.0.1", master.nodePort(), JoinTokenFile.readOrCreate(state), nodeId,
        "127.0.0.1", null, agentState, Map.of(), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()));
    var runtime = dev.berth.runtime.agent.docker.DockerContainerRuntime.connect(null);
    agent = AgentMain.start(config, runtime, true, new PrintStream(agentLog, true));
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!agent.joined() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(agent.joined()).as("agent joined; master log:\n%s", masterLog).isTrue();
  }

  @AfterEach
  void deleteApps() throws Exception {
    for (AppStatus a : client.apps()) {
      client.delete(a.spec().namespace(), a.spec().name());
    }
    // The agent removes the containers; closing it mid-removal would only interrupt it.
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    try (DockerClient d = DockerClients.local()) {
      while (System.nanoTime() < until && !d.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())).exec().isEmpty()) {
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (agent != null) {
      agent.close();
    }
    if (master != null) {
      master.close();
    }
    DockerEngine.removeRunLeftovers(image == null ? List.of() : List.of(image));
  }

  private static String spec(String name, String memory, String jvm) {
    return "name: " + name + "\nimage: " + image + "\nresources: {memory: " + memory + ", cpu: " + CPU_MILLIS + "m}\n"
        + "env: {APP_MODE: test}\n" + jvm;
  }

  @Test
  void specWithoutFacts_isSizedOnTheNode_fromTheImagesLabels() throws Exception {
    String yaml = spec("billing", "512Mi", "");
    assertThat(ApiJson.readSpec(yaml).jvm().facts()).isNull();
    client.apply(yaml);

    ReplicaStatus running = await("billing", r -> r.phase() == ReplicaStatus.Phase.RUNNING);
    InspectContainerResponse container = container(running.id());

    JvmSettings expected = JvmSizing.forContainer(MEMORY, CPU_MILLIS, labelFacts);
    Map<String, String> env = env(container);
    assertThat(env).containsEntry("APP_MODE", "test")
        .containsEntry("JAVA_TOOL_OPTIONS", expected.env().get("JAVA_TOOL_OPTIONS"))
        .containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Xmx" + (expected.budget().xmxBytes() >> 20) + "m");
    assertThat(container.getConfig().getLabels())
        .containsEntry(ContainerLabels.JVM_SIZING, "image labels on node " + nodeId);
    // What berth describe shows ops: where the flags came from, carried from the container to the status.
    assertThat(await("billing", r -> !r.jvmSizing().isEmpty()).jvmSizing())
        .isEqualTo("image labels on node " + nodeId);
    assertThat(agentLog.toString()).contains("image " + image, "is a JVM app by its labels");
    System.out.printf("node-sized %s at %d MiB: JAVA_TOOL_OPTIONS=%s%n", image, MEMORY >> 20,
        env.get("JAVA_TOOL_OPTIONS"));
    // The JVM took them.
    awaitLogs(running.id(), "Picked up JAVA_TOOL_OPTIONS: " + expected.env().get("JAVA_TOOL_OPTIONS"));
  }

  @Test
  void imageOnlyInItsRegistry_isPulledByTheNode_thenSizedFromItsLabels() throws Exception {
    try (LocalRegistry registry = LocalRegistry.start()) {
      String pushed = registry.address() + "/" + image;
      try (DockerClient d = DockerClients.local()) {
        d.tagImageCmd(image, registry.address() + "/" + image.substring(0, image.lastIndexOf(':')),
            image.substring(image.lastIndexOf(':') + 1)).exec();
        d.pushImageCmd(pushed).start().awaitCompletion(2, java.util.concurrent.TimeUnit.MINUTES);
        d.removeImageCmd(pushed).exec();
        assertThat(d.listImagesCmd().withReferenceFilter(pushed).exec()).isEmpty();
      }
      try {
        client.apply(spec("billing-pulled", "512Mi", "").replace("image: " + image, "image: " + pushed));

        ReplicaStatus running = await("billing-pulled", r -> r.phase() == ReplicaStatus.Phase.RUNNING);

        assertThat(agentLog.toString()).contains("pulling " + pushed + " for default/billing-pulled");
        JvmSettings expected = JvmSizing.forContainer(MEMORY, CPU_MILLIS, labelFacts);
        InspectContainerResponse container = container(running.id());
        assertThat(env(container)).containsEntry("JAVA_TOOL_OPTIONS", expected.env().get("JAVA_TOOL_OPTIONS"));
        assertThat(container.getConfig().getLabels())
            .containsEntry(ContainerLabels.JVM_SIZING, "image labels on node " + nodeId);
      } finally {
        deleteApps();
        try (DockerClient d = DockerClients.local()) {
          d.removeImageCmd(pushed).withForce(true).exec();
        }
      }
    }
  }

  @Test
  void specWithFacts_isSizedByTheMaster_fromThoseFacts() throws Exception {
    client.apply(spec("billing-facts", "512Mi",
        "jvm: {facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15, loadedClasses: 900, threads: 30}}\n"));

    ReplicaStatus running = await("billing-facts", r -> r.phase() == ReplicaStatus.Phase.RUNNING);
    InspectContainerResponse container = container(running.id());

    AppFacts specFacts = new AppFacts("jvm-dist", null, 17, "17.0.15", 900, 30, List.of(), null, null, null, List.of());
    String expected = JvmSizing.forContainer(MEMORY, CPU_MILLIS, specFacts).env().get("JAVA_TOOL_OPTIONS");
    assertThat(expected).isNotEqualTo(
        JvmSizing.forContainer(MEMORY, CPU_MILLIS, labelFacts).env().get("JAVA_TOOL_OPTIONS"));
    assertThat(env(container)).containsEntry("JAVA_TOOL_OPTIONS", expected);
    assertThat(container.getConfig().getLabels()).containsEntry(ContainerLabels.JVM_SIZING, "spec facts");
    assertThat(await("billing-facts", r -> !r.jvmSizing().isEmpty()).jvmSizing()).isEqualTo("spec facts");
  }

  @Test
  void limitTooSmallForTheLabelledApp_failsTheStart_withTheReasonInTheStatus() throws Exception {
    client.apply(spec("billing-small", "32Mi", ""));

    ReplicaStatus failed = await("billing-small", r -> r.message().contains("resources.memory"));

    assertThat(failed.message()).contains("node " + nodeId, "\"32Mi\"", "at least ", "smallest limit that works");
    assertThat(failed.lastExitCode()).as("never started, so no exit to explain").isNull();
    System.out.println("32Mi start failure as berth describe shows it:\n" + failed.message());
  }

  private ReplicaStatus await(String app, Predicate<ReplicaStatus> condition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    AppStatus s = null;
    while (System.nanoTime() < until) {
      s = client.app("default", app);
      if (!s.replicas().isEmpty() && condition.test(s.replicas().get(0))) {
        return s.replicas().get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("condition not met within 60 s: " + s + "\nagent log:\n" + agentLog);
  }

  private void awaitLogs(String replicaId, String text) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String logs = "";
    while (System.nanoTime() < until) {
      logs = client.logs("default", "billing", replicaId, 50);
      if (logs.contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the replica's log does not show " + text + ":\n" + logs);
  }

  private static InspectContainerResponse container(String replicaId) throws IOException {
    try (DockerClient d = DockerClients.local()) {
      var found = d.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId(), ContainerLabels.REPLICA, replicaId))
          .exec();
      assertThat(found).hasSize(1);
      return d.inspectContainerCmd(found.get(0).getId()).exec();
    }
  }

  private static Map<String, String> env(InspectContainerResponse container) {
    return Arrays.stream(container.getConfig().getEnv())
        .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')), e -> e.substring(e.indexOf('=') + 1),
            (a, b) -> b));
  }
}
