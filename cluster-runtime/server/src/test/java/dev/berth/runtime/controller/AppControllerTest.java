package dev.berth.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaState;
import dev.berth.runtime.model.RolloutState;
import dev.berth.runtime.scheduler.FilterReasons;
import dev.berth.runtime.scheduler.PlacementRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given these objects, expect these assignments: the controllers on the real in-memory store. */
class AppControllerTest {

  private final ControllerHarness h = new ControllerHarness();

  private static AppSpec web(int replicas, String image) {
    return ApiJson.readSpec(
        "name: web\nimage: " + image + "\nreplicas: " + replicas
            + "\nresources: {memory: 256Mi, cpu: 500m}\nports: [{name: http, port: 8080}]\n"
            + "update: {maxSurge: 1, maxUnavailable: 0, progressDeadline: 30s}\n");
  }

  private List<Replica> replicas() {
    return h.store.snapshot().replicasOf("default/web");
  }

  @Test
  void apply_twoReplicasTwoNodes_spreadsOnePerNode() {
    h.join("a", 2000, 2048);
    h.join("b", 2000, 2048);
    h.apply(web(2, "web:1"));

    h.settle();

    assertThat(h.gateway.latest("a").replicas()).hasSize(1);
    assertThat(h.gateway.latest("b").replicas()).hasSize(1);
    ReplicaAssignment r = h.gateway.latest("a").replicas().get(0);
    assertThat(r.image()).isEqualTo("web:1");
    assertThat(r.memoryLimitBytes()).isEqualTo(256 * ControllerHarness.MI);
    assertThat(r.ports().get(0).containerPort()).isEqualTo(8080);
  }

  @Test
  void aRunningBuildJobHoldsItsNode_theReplicaWaitsUntilTheJobEnds() {
    h.join("a", 2000, 1024);
    h.held.put("a", List.of(new PlacementRequest("b-1", "build/b-1", 1000, 1024 * ControllerHarness.MI, List.of())));
    h.apply(web(1, "web:1"));
    h.settle();

    Replica pending = replicas().get(0);
    assertThat(pending.placed()).isFalse();
    assertThat(pending.pending().reasonCounts()).containsEntry(FilterReasons.INSUFFICIENT_MEMORY, 1);

    h.held.clear();
    h.apps.addAll(AppController.waitingApps(h.store.snapshot()));
    h.settle();

    assertThat(replicas().get(0).nodeId()).isEqualTo("a");
  }

  @Test
  void reportsReady_rolloutCompletes() {
    h.join("a", 2000, 2048);
    h.apply(web(2, "web:1"));
    h.settle();

    h.report("a", ReplicaState.RUNNING, HealthState.NONE, null);
    h.settle();

    assertThat(h.store.snapshot().apps().get("default/web").rollout().phase()).isEqualTo(RolloutState.COMPLETE);
    assertThat(h.store.events("default/web")).extracting(e -> e.reason()).contains("Scheduled", "RolloutComplete");
  }

  @Test
  void noCapacity_pendingWithReasonsPerNode_thenPlacedWhenANodeJoins() {
    h.join("small", 2000, 128);
    h.apply(web(1, "web:1"));
    h.settle();

    Replica pending = replicas().get(0);
    assertThat(pending.placed()).isFalse();
    assertThat(pending.pending().reasonCounts()).containsEntry(FilterReasons.INSUFFICIENT_MEMORY, 1);
    assertThat(pending.pending().summary()).contains("small needs 256Mi memory, has 128Mi free");

    h.join("big", 2000, 4096);
    h.settle();

    assertThat(replicas().get(0).nodeId()).isEqualTo("big");
    assertThat(h.gateway.latest("big").replicas()).hasSize(1);
  }

  @Test
  void pendingReplica_placedWhenAnotherAppIsDeleted() {
    h.join("a", 1000, 2048);
    h.apply(ApiJson.readSpec("name: hog\nimage: hog:1\nresources: {cpu: 1}\n"));
    h.apply(web(1, "web:1"));
    h.settle();
    assertThat(replicas().get(0).placed()).isFalse();

    h.delete("default/hog");
    h.settle();

    assertThat(replicas().get(0).nodeId()).isEqualTo("a");
    assertThat(h.gateway.latest("a").replicas()).extracting(ReplicaAssignment::app).containsExactly("web");
  }

  @Test
  void crash_restartsWithDoublingBackoff() {
    h.join("a", 2000, 2048);
    h.apply(web(1, "web:1"));
    h.settle();
    String id = replicas().get(0).id();

    h.report("a", ReplicaState.EXITED, HealthState.NONE, 1);
    h.settle();
    assertThat(h.gateway.latest("a").replicas().get(0).attempt()).isZero();
    assertThat(h.lastRequeue).isEqualTo(Duration.ofSeconds(1));

    h.clock.advance(Duration.ofSeconds(1));
    h.apps.add("default/web");
    h.settle();
    assertThat(h.gateway.latest("a").replicas().get(0).attempt()).isEqualTo(1);

    h.report("a", ReplicaState.EXITED, HealthState.NONE, 1);
    h.settle();
    assertThat(h.lastRequeue).isEqualTo(Duration.ofSeconds(2));
    h.clock.advance(Duration.ofMillis(1999));
    h.apps.add("default/web");
    h.settle();
    assertThat(h.gateway.latest("a").replicas().get(0).attempt()).isEqualTo(1);
    h.clock.advance(Duration.ofMillis(1));
    h.apps.add("default/web");
    h.settle();
    assertThat(h.gateway.latest("a").replicas().get(0).attempt()).isEqualTo(2);
    assertThat(h.store.events("default/web")).anySatisfy(e -> assertThat(e.message()).contains(id, "exited with code 1"));
  }

  @Test
  void silentNode_declaredDownWithin3s_andReplicasReplacedElsewhere() {
    h.join("a", 2000, 2048);
    h.join("b", 2000, 2048);
    h.apply(web(2, "web:1"));
    h.settle();
    h.report("a", ReplicaState.RUNNING, HealthState.NONE, null);
    h.report("b", ReplicaState.RUNNING, HealthState.NONE, null);
    h.settle();

    // b goes silent; a keeps heartbeating; the sweep runs every 100 ms.
    for (int i = 0; i < 26; i++) {
      h.clock.advance(Duration.ofMillis(100));
      h.liveness.heartbeat("a", h.clock.instant());
      h.liveness.sweep();
    }
    assertThat(h.store.snapshot().nodes().get("b").state().name()).isEqualTo("DOWN");
    h.settle();

    assertThat(replicas()).allSatisfy(r -> assertThat(r.nodeId()).isEqualTo("a"));
    assertThat(h.gateway.latest("a").replicas()).hasSize(2);
    assertThat(h.gateway.latest("b").replicas()).isEmpty();
  }

  @Test
  void closedConnection_downAfterGrace_notBefore() {
    h.join("a", 2000, 2048);
    h.liveness.disconnected("a", "CLOSED");
    h.clock.advance(Duration.ofMillis(400));
    h.liveness.heartbeat("a", h.clock.instant());
    h.liveness.sweep();
    assertThat(h.store.snapshot().nodes().get("a").state().name()).isEqualTo("DISCONNECTED");

    h.clock.advance(Duration.ofMillis(200));
    h.liveness.sweep();

    assertThat(h.store.snapshot().nodes().get("a").state().name()).isEqualTo("DOWN");
  }

  @Test
  void rollingUpdate_surgeOne_keepsOldUntilNewIsReady() {
    h.join("a", 4000, 4096);
    h.apply(web(2, "web:1"));
    h.settle();
    h.report("a", ReplicaState.RUNNING, HealthState.NONE, null);
    h.settle();

    h.apply(web(2, "web:2"));
    h.settle();
    NodeAssignment during = h.gateway.latest("a");
    assertThat(during.replicas()).extracting(ReplicaAssignment::image).containsExactlyInAnyOrder("web:1", "web:1", "web:2");

    // The new replica starts but is not healthy yet: nothing old goes.
    h.reportOne("a", newest(during), ReplicaState.RUNNING, HealthState.STARTING, null);
    h.settle();
    assertThat(h.gateway.latest("a").replicas()).hasSize(3);

    // Healthy: one old goes, the second new comes.
    h.reportOne("a", newest(during), ReplicaState.RUNNING, HealthState.HEALTHY, null);
    h.settle();
    h.report("a", ReplicaState.RUNNING, HealthState.HEALTHY, null);
    h.settle();
    h.report("a", ReplicaState.RUNNING, HealthState.HEALTHY, null);
    h.settle();

    assertThat(h.gateway.latest("a").replicas()).extracting(ReplicaAssignment::image).containsExactly("web:2", "web:2");
    assertThat(h.store.snapshot().apps().get("default/web").rollout().phase()).isEqualTo(RolloutState.COMPLETE);
  }

  @Test
  void rollingUpdate_neverHealthy_stopsAtProgressDeadline() {
    h.join("a", 4000, 4096);
    h.apply(web(2, "web:1"));
    h.settle();
    h.report("a", ReplicaState.RUNNING, HealthState.NONE, null);
    h.settle();
    h.apply(web(2, "web:2"));
    h.settle();
    String bad = newest(h.gateway.latest("a"));
    h.reportOne("a", bad, ReplicaState.RUNNING, HealthState.STARTING, null);
    h.settle();

    h.clock.advance(Duration.ofSeconds(31));
    h.apps.add("default/web");
    h.settle();

    assertThat(h.store.snapshot().apps().get("default/web").rollout().phase()).isEqualTo(RolloutState.FAILED);
    assertThat(h.gateway.latest("a").replicas()).extracting(ReplicaAssignment::image)
        .containsExactlyInAnyOrder("web:1", "web:1", "web:2");
    assertThat(h.store.events("default/web")).anySatisfy(e -> assertThat(e.reason()).isEqualTo("RolloutFailed"));
  }

  @Test
  void delete_emptiesTheNodesAssignment() {
    h.join("a", 2000, 2048);
    h.apply(web(2, "web:1"));
    h.settle();

    h.delete("default/web");
    h.settle();

    assertThat(h.gateway.latest("a").replicas()).isEmpty();
    assertThat(h.store.snapshot().replicas()).isEmpty();
  }

  @Test
  void scaleDown_removesReplicas_andGenerationsGrow() {
    h.join("a", 2000, 2048);
    h.apply(web(3, "web:1"));
    h.settle();
    long before = h.gateway.latest("a").generation();

    h.writer.scale("default/web", 1);
    h.settle();

    assertThat(h.gateway.latest("a").replicas()).hasSize(1);
    assertThat(h.gateway.latest("a").generation()).isGreaterThan(before);
  }

  private static String newest(NodeAssignment a) {
    return a.replicas().stream().filter(r -> r.revision() == 2).findFirst().orElseThrow().replicaId();
  }
}
