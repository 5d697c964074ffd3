package dev.berth.runtime.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.agent.container.FakeContainerRuntime;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeJvmSizing;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import dev.berth.runtime.sizing.JvmSettings;
import dev.berth.runtime.sizing.JvmSizing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentSyncTest {

  @TempDir Path files;
  private final FakeContainerRuntime runtime = new FakeContainerRuntime();
  private final AtomicReference<List<ReplicaObservation>> last = new AtomicReference<>(List.of());
  private AssignmentSync sync;

  private final ByteArrayOutputStream agentLog = new ByteArrayOutputStream();

  private AssignmentSync newSync() {
    AssignmentSync s = new AssignmentSync(runtime, "n1", files, Map.of(), last::set,
        new PrintStream(agentLog, true, StandardCharsets.UTF_8));
    s.start();
    return s;
  }

  @AfterEach
  void close() {
    if (sync != null) {
      sync.close();
    }
  }

  private static ReplicaAssignment replica(String id, int attempt) {
    return new ReplicaAssignment(id, "default", "web", 1, attempt, "img:1", List.of(), List.of(), Map.of("A", "1"),
        64L << 20, 100, List.of(), Map.of(), null, Map.of());
  }

  @Test
  void assignment_startsMissing_andRemovesUnlisted() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0), replica("r2", 0))));
    await(r -> r.size() == 2 && r.stream().allMatch(o -> o.state() == ReplicaState.RUNNING));

    sync.assign(new NodeAssignment("n1", 2, List.of(replica("r2", 0))));
    await(r -> r.size() == 1);

    assertThat(runtime.list(Map.of(ContainerLabels.NODE, "n1")))
        .extracting(c -> c.labels().get(ContainerLabels.REPLICA)).containsExactly("r2");
  }

  @Test
  void staleGeneration_isIgnored() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 5, List.of(replica("r1", 0))));
    await(r -> r.size() == 1);

    sync.assign(new NodeAssignment("n1", 4, List.of()));
    Thread.sleep(1500);

    assertThat(runtime.list(Map.of(ContainerLabels.NODE, "n1"))).hasSize(1);
  }

  @Test
  void newAttempt_replacesTheContainer_butEndedOnesAreLeftForTheMaster() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));
    ReplicaObservation first = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    runtime.exit(first.containerId(), 3, "boom");
    ReplicaObservation exited = await(r -> r.get(0).state() == ReplicaState.EXITED).get(0);
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(exited.oomKilled()).isFalse();
    assertThat(exited.lastLogLines()).contains("boom");
    Thread.sleep(1500);
    assertThat(runtime.starts()).as("the agent never restarts on its own").isEqualTo(1);

    sync.assign(new NodeAssignment("n1", 2, List.of(replica("r1", 1))));
    ReplicaObservation second = await(r -> r.get(0).attempt() == 1 && r.get(0).state() == ReplicaState.RUNNING)
        .get(0);
    assertThat(second.containerId()).isNotEqualTo(first.containerId());
    assertThat(runtime.inspect(first.containerId())).isEmpty();
  }

  @Test
  void oomKill_isReportedAsSuch() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));
    ReplicaObservation running = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    runtime.oomKill(running.containerId());

    ReplicaObservation o = await(r -> r.get(0).state() == ReplicaState.EXITED).get(0);
    assertThat(o.exitCode()).isEqualTo(137);
    assertThat(o.oomKilled()).isTrue();
    assertThat(o.message()).contains("OOMKilled");
  }

  @Test
  void restartedAgent_adoptsMatchingContainers_withoutRestartingThem() throws Exception {
    sync = newSync();
    NodeAssignment a = new NodeAssignment("n1", 1, List.of(replica("r1", 0), replica("r2", 0)));
    sync.assign(a);
    await(r -> r.size() == 2 && r.stream().allMatch(o -> o.state() == ReplicaState.RUNNING));
    List<String> before = runtime.list(Map.of()).stream().map(ContainerStatus::id).sorted().toList();
    sync.close();

    sync = newSync();
    sync.reportNow();
    sync.assign(new NodeAssignment("n1", 1, a.replicas()));
    await(r -> r.size() == 2);

    assertThat(runtime.list(Map.of()).stream().map(ContainerStatus::id).sorted().toList()).isEqualTo(before);
    assertThat(runtime.starts()).isEqualTo(2);
  }

  @Test
  void missingImage_isReported_andNotRetriedForTheSameAttempt() throws Exception {
    runtime.missingImages.add("img:1");
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));

    ReplicaObservation o = await(r -> r.size() == 1).get(0);
    assertThat(o.state()).isEqualTo(ReplicaState.IMAGE_MISSING);
    assertThat(o.message()).contains("img:1");
  }

  private static ReplicaAssignment replicaOf(String id, String image) {
    return new ReplicaAssignment(id, "default", "web", 1, 0, image, List.of(), List.of(), Map.of("A", "1"),
        64L << 20, 100, List.of(), Map.of(), null, Map.of());
  }

  @Test
  void missingImageNamingItsRegistry_isPulledThenStarted() throws Exception {
    String image = "reg.example:5000/shop@sha256:" + "ab".repeat(32);
    runtime.missingImages.add(image);
    runtime.registryImages.add(image);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replicaOf("r1", image))));

    assertThat(await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING)).hasSize(1);
    assertThat(runtime.pulls).containsExactly(image);
    assertThat(agentLog.toString(StandardCharsets.UTF_8)).contains("pulling " + image + " for default/web replica r1");
  }

  @Test
  void failedPull_isImageMissingWithTheReason_andABareNameIsNeverPulled() throws Exception {
    runtime.missingImages.add("reg.example/gone:1");
    runtime.missingImages.add("shop:1");
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replicaOf("r1", "reg.example/gone:1"), replicaOf("r2", "shop:1"))));

    List<ReplicaObservation> report = await(r -> r.size() == 2);
    assertThat(report).allSatisfy(o -> assertThat(o.state()).isEqualTo(ReplicaState.IMAGE_MISSING));
    assertThat(report).filteredOn(o -> o.replicaId().equals("r1")).singleElement()
        .satisfies(o -> assertThat(o.message()).contains("pulling reg.example/gone:1 failed: manifest unknown"));
    assertThat(runtime.pulls).containsExactly("reg.example/gone:1");
  }

  // ---------------------------------------------------------------- JVM sizing on the node

  private static final Map<String, String> JVM_LABELS = Map.of(FactLabels.STACK, "jvm-dist",
      FactLabels.JDK_RUNTIME, "17", FactLabels.JDK_VERSION, "17.0.15", FactLabels.CLASSES, "3000",
      FactLabels.THREADS, "250");

  /** A replica whose spec had no JVM facts: the master's env plus what the node needs to size it. */
  private static ReplicaAssignment unsized(String image, int attempt, long memory, Map<String, String> specFacts) {
    Map<String, String> masterEnv = Map.of("A", "1", "JAVA_TOOL_OPTIONS", "-Dapp=1 -XX:+UseSerialGC");
    return new ReplicaAssignment("r1", "default", "web", 1, attempt, image, List.of(), List.of(), masterEnv,
        memory, 500, List.of(), Map.of(), null, Map.of(),
        new NodeJvmSizing(Map.of("A", "1", "JAVA_TOOL_OPTIONS", "-Dapp=1"), null, List.of("-XX:+UseSerialGC"),
            specFacts));
  }

  private Map<String, String> envOf(String containerId) {
    Map<String, String> env = new java.util.HashMap<>();
    runtime.request(containerId).env().forEach(e -> env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
    return env;
  }

  @Test
  void specWithoutFacts_jvmImage_isSizedFromItsLabels_likeTheMasterWouldWithThoseFacts() throws Exception {
    runtime.image("shop:1", "sha256:shop1", JVM_LABELS);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(unsized("shop:1", 0, 512L << 20, Map.of()))));

    ReplicaObservation o = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    Map<String, String> env = envOf(o.containerId());
    JvmSettings expected = JvmSizing.forContainer(512L << 20, 500, FactLabels.fromLabels(JVM_LABELS));
    assertThat(env).containsEntry("A", "1").containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat(env.get("JAVA_TOOL_OPTIONS"))
        .isEqualTo("-Dapp=1 " + expected.env().get("JAVA_TOOL_OPTIONS") + " -XX:+UseSerialGC")
        .contains("-Xmx" + (expected.budget().xmxBytes() >> 20) + "m");
    assertThat(runtime.inspect(o.containerId()).orElseThrow().labels())
        .containsEntry(ContainerLabels.JVM_SIZING, "image labels on node n1");
  }

  @Test
  void specFacts_winOverTheImagesLabels() throws Exception {
    runtime.image("shop:1", "sha256:shop1", JVM_LABELS);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1,
        List.of(unsized("shop:1", 0, 512L << 20, Map.of(FactLabels.THREADS, "20")))));

    ReplicaObservation o = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    Map<String, String> merged = new java.util.HashMap<>(JVM_LABELS);
    merged.put(FactLabels.THREADS, "20");
    String expected = JvmSizing.forContainer(512L << 20, 500, FactLabels.fromLabels(merged)).env()
        .get("JAVA_TOOL_OPTIONS");
    assertThat(expected).isNotEqualTo(
        JvmSizing.forContainer(512L << 20, 500, FactLabels.fromLabels(JVM_LABELS)).env().get("JAVA_TOOL_OPTIONS"));
    assertThat(envOf(o.containerId()).get("JAVA_TOOL_OPTIONS")).contains(expected);
  }

  @Test
  void imageWithoutJvmLabels_runsWithWhatTheMasterGave() throws Exception {
    runtime.image("web:1", "sha256:web1", Map.of(FactLabels.PORT, "8080"));
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(unsized("web:1", 0, 64L << 20, Map.of()))));

    ReplicaObservation o = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    assertThat(envOf(o.containerId()))
        .isEqualTo(Map.of("A", "1", "JAVA_TOOL_OPTIONS", "-Dapp=1 -XX:+UseSerialGC"));
    assertThat(runtime.inspect(o.containerId()).orElseThrow().labels().get(ContainerLabels.JVM_SIZING))
        .startsWith("none");
  }

  @Test
  void limitTooSmallForTheLabelledApp_failsTheStart_namingResourcesMemoryAndTheSmallestLimit() throws Exception {
    runtime.image("shop:1", "sha256:shop1", JVM_LABELS);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(unsized("shop:1", 0, 48L << 20, Map.of()))));

    ReplicaObservation o = await(r -> r.size() == 1).get(0);

    assertThat(o.state()).isEqualTo(ReplicaState.START_FAILED);
    assertThat(o.message()).contains("node n1", "shop:1", "resources.memory", "\"48Mi\"", "at least ",
        "smallest limit that works");
    Thread.sleep(1500);
    assertThat(runtime.starts()).as("not retried for the same attempt").isZero();
  }

  @Test
  void unreadableLabel_failsTheStart_namingTheLabel() throws Exception {
    Map<String, String> bad = new java.util.HashMap<>(JVM_LABELS);
    bad.put(FactLabels.THREADS, "many");
    runtime.image("shop:1", "sha256:shop1", bad);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(unsized("shop:1", 0, 512L << 20, Map.of()))));

    ReplicaObservation o = await(r -> r.size() == 1).get(0);

    assertThat(o.state()).isEqualTo(ReplicaState.START_FAILED);
    assertThat(o.message()).contains(FactLabels.THREADS, "many");
  }

  @Test
  void restart_readsTheImagesLabelsOnce_andAPinnedDigestIsNotInspectedAgain() throws Exception {
    runtime.image("shop:1", "sha256:shop1", JVM_LABELS);
    String pinned = "registry.local/shop@sha256:" + "ab".repeat(32);
    runtime.image(pinned, "sha256:shop1", JVM_LABELS);
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(unsized(pinned, 0, 512L << 20, Map.of()))));
    ReplicaObservation first = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);
    runtime.exit(first.containerId(), 1, "bye");
    sync.assign(new NodeAssignment("n1", 2, List.of(unsized(pinned, 1, 512L << 20, Map.of()))));
    ReplicaObservation second =
        await(r -> r.get(0).attempt() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);
    assertThat(runtime.imageInspections()).isEqualTo(1);

    // A tag may move, so the engine is asked which image it names; the labels of a known image id are not re-read.
    runtime.exit(second.containerId(), 1, "bye");
    sync.assign(new NodeAssignment("n1", 3, List.of(unsized("shop:1", 2, 512L << 20, Map.of()))));
    ReplicaObservation third =
        await(r -> r.get(0).attempt() == 2 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    assertThat(runtime.imageInspections()).isEqualTo(2);
    assertThat(envOf(third.containerId())).isEqualTo(envOf(second.containerId()));
    assertThat(agentLog.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("is a JVM app by its labels")))
        .hasSize(1);
  }

  private List<ReplicaObservation> await(Predicate<List<ReplicaObservation>> condition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<ReplicaObservation> r = last.get();
      if (!r.isEmpty() && condition.test(r)) {
        return r;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met; last report: " + r);
      }
      Thread.sleep(20);
    }
  }
}
