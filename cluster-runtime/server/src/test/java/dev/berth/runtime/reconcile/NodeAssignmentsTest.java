package dev.berth.runtime.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeJvmSizing;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.RolloutState;
import dev.berth.runtime.sizing.ContainerEnvironment;
import dev.berth.runtime.sizing.JvmSizing;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each node is told to run: its replicas as its assignment, and which replicas the master sizes itself and
 * which it leaves to the node that holds the image.
 */
class NodeAssignmentsTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final NodeAssignments assignments = new NodeAssignments(ContainerEnvironment.sized());

  private ReplicaAssignment assign(String yaml) {
    AppSpec spec = ApiJson.readSpec(yaml);
    AppRecord app = new AppRecord(spec, 1, T0, T0, RolloutState.start(1, T0, 0), Map.of());
    Replica replica = Replica.create("default.shop-1-a", app.key(), 1, T0).placedOn("n1", T0);
    return assignments.assignment(replica, app);
  }

  @Test
  void specWithoutFacts_isMarkedForSizingOnTheNode_withWhatTheNodeNeeds() {
    ReplicaAssignment r = assign("name: shop\nimage: shop:1\nresources: {memory: 512Mi, cpu: 500m}\n"
        + "env: {A: b, JAVA_TOOL_OPTIONS: -Dapp=1}\njvm: {maxHeap: 200m, flags: [-XX:+UseSerialGC]}\n");

    assertThat(r.jvmSizing()).isNotNull();
    assertThat(r.jvmSizing().env()).isEqualTo(Map.of("A", "b", "JAVA_TOOL_OPTIONS", "-Dapp=1"));
    assertThat(r.jvmSizing().maxHeap()).isEqualTo("200m");
    assertThat(r.jvmSizing().flags()).containsExactly("-XX:+UseSerialGC");
    assertThat(r.jvmSizing().factLabels()).isEmpty();
    assertThat(r.memoryLimitBytes()).isEqualTo(512L << 20);
    assertThat(r.cpuMillis()).isEqualTo(500);
    // What the replica runs with when the image's labels describe no JVM app: the spec's overrides only.
    assertThat(r.env()).containsEntry("A", "b")
        .containsEntry("JAVA_TOOL_OPTIONS", "-Dapp=1 -Xmx200m -XX:+UseSerialGC")
        .doesNotContainKey("MALLOC_ARENA_MAX");
    assertThat(r.labels()).doesNotContainKey(NodeJvmSizing.LABEL);
  }

  @Test
  void specWithFactsThatAreNotJvm_passesThemOnAsLabels_whichWinOverTheImagesOnTheNode() {
    ReplicaAssignment r = assign("name: shop\nimage: shop:1\njvm: {facts: {threads: 40, port: 8080}}\n");

    assertThat(r.jvmSizing()).isNotNull();
    assertThat(r.jvmSizing().factLabels())
        .isEqualTo(Map.of(FactLabels.THREADS, "40", FactLabels.PORT, "8080"));
  }

  @Test
  void specWithJvmFacts_isSizedOnTheMaster_asBefore() throws Exception {
    ReplicaAssignment r = assign("name: shop\nimage: shop:1\nresources: {memory: 512Mi, cpu: 500m}\nenv: {A: b}\n"
        + "jvm: {facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n");

    assertThat(r.jvmSizing()).isNull();
    String expected = JvmSizing.forContainer(512L << 20, 500, ApiJson.readSpec(
            "name: x\nimage: x:1\njvm: {facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n")
        .jvm().facts()).env().get("JAVA_TOOL_OPTIONS");
    assertThat(r.env()).containsEntry("A", "b").containsEntry("JAVA_TOOL_OPTIONS", expected)
        .containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat(r.labels()).containsEntry(NodeJvmSizing.LABEL, NodeJvmSizing.FROM_SPEC);
  }

  @Test
  void sizingOff_isLeftAlone_onBothSides() {
    ReplicaAssignment r = assign("name: shop\nimage: shop:1\nenv: {A: b}\njvm: {sizing: 'off'}\n");

    assertThat(r.jvmSizing()).isNull();
    assertThat(r.env()).isEqualTo(Map.of("A", "b"));
    assertThat(r.labels()).doesNotContainKey(NodeJvmSizing.LABEL);
  }

  private static final AppRecord WEB =
      new AppRecord(
          new AppSpec("web", null, "web:1", 2, null, null, null, null, null, null, null, null, null, null, null, null),
          1, T0, T0, RolloutState.start(1, T0, 0), Map.of());

  private static Replica on(String id, String node) {
    return Replica.create(id, WEB.key(), 1, T0).placedOn(node, T0);
  }

  private static ClusterSnapshot snapshot(long revision, Map<String, Replica> replicas) {
    return new ClusterSnapshot(revision, Map.of(WEB.key(), WEB), replicas, Map.of(), Map.of());
  }

  @Test
  void forNode_followsEveryChangeOfTheReplicas() {
    Map<String, Replica> replicas = new HashMap<>(Map.of("w2", on("w2", "a"), "w1", on("w1", "a"), "w3", on("w3", "b")));
    ClusterSnapshot first = snapshot(1, replicas);

    NodeAssignment a1 = assignments.forNode("a", first, 7);
    replicas.put("w1", on("w1", "b"));
    replicas.put("w4", on("w4", "a"));
    NodeAssignment a2 = assignments.forNode("a", snapshot(2, replicas), 8);

    assertThat(a1.replicas()).extracting(ReplicaAssignment::replicaId).containsExactly("w1", "w2");
    assertThat(a1.generation()).isEqualTo(7);
    assertThat(a2.replicas()).extracting(ReplicaAssignment::replicaId).containsExactly("w2", "w4");
    assertThat(assignments.forNode("b", first, 9).replicas()).extracting(ReplicaAssignment::replicaId)
        .containsExactly("w3");
    assertThat(assignments.forNode("c", first, 10).replicas()).isEmpty();
  }
}
