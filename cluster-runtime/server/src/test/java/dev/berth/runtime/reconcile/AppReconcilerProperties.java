package dev.berth.runtime.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import dev.berth.runtime.model.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the pure reconciler: repeated passes over a simulated cluster converge, and never misplace. */
class AppReconcilerProperties {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MI = 1L << 20;

  /** A tiny simulated cluster: the reconciler's writes are applied, and every placed replica reports running. */
  private static final class Sim {
    final Map<String, Node> nodes = new HashMap<>();
    final Map<String, Replica> replicas = new HashMap<>();
    AppRecord app;
    Instant now = T0;

    ClusterSnapshot snapshot() {
      Map<String, Map<String, ReplicaObservation>> obs = new HashMap<>();
      for (Replica r : replicas.values()) {
        if (r.placed() && nodes.get(r.nodeId()).ready()) {
          obs.computeIfAbsent(r.nodeId(), k -> new HashMap<>())
              .put(r.id(), new ReplicaObservation(r.id(), r.revision(), r.attempt(), "c", ReplicaState.RUNNING, null,
                  false, HealthState.NONE, Map.of(), now, null, 0, 0, "", List.of()));
        }
      }
      return new ClusterSnapshot(0, Map.of(app.key(), app), replicas, nodes, obs);
    }

    void pass() {
      ReconcileResult r = new AppReconciler().compute(app, List.copyOf(replicasOf()), snapshot(), now);
      r.deleteReplicas().forEach(replicas::remove);
      r.putReplicas().forEach(x -> replicas.put(x.id(), x));
      if (r.app() != null) {
        app = r.app();
      }
      now = now.plus(Duration.ofSeconds(1));
    }

    List<Replica> replicasOf() {
      return replicas.values().stream().filter(r -> r.appKey().equals(app.key())).toList();
    }
  }

  private static Sim cluster(int nodeCount, int downCount, int replicas) {
    Sim sim = new Sim();
    for (int i = 0; i < nodeCount; i++) {
      NodeState state = i < downCount ? NodeState.DOWN : NodeState.READY;
      sim.nodes.put("n" + i, new Node(new NodeInfo("n" + i, "", 1000, 1024 * MI, Map.of(), ""), state, T0, T0, ""));
    }
    AppSpec spec =
        ApiJson.readSpec("name: web\nimage: web:1\nreplicas: " + replicas + "\nresources: {memory: 256Mi, cpu: 250m}\n");
    sim.app = new AppRecord(spec, 1, T0, T0, RolloutState.start(1, T0, 0), Map.of());
    return sim;
  }

  @Property
  void convergesToDesiredCount_onReadyNodes_withinCapacity(
      @ForAll @IntRange(min = 1, max = 6) int nodes,
      @ForAll @IntRange(max = 3) int down,
      @ForAll @IntRange(max = 30) int replicas) {
    Sim sim = cluster(nodes, Math.min(down, nodes), replicas);
    for (int i = 0; i < 5; i++) {
      sim.pass();
    }

    int readyNodes = nodes - Math.min(down, nodes);
    int capacity = readyNodes * 4; // 1000m / 250m and 1024Mi / 256Mi
    List<Replica> all = sim.replicasOf();
    assertThat(all).hasSize(replicas);
    long placed = all.stream().filter(Replica::placed).count();
    assertThat(placed).isEqualTo(Math.min(replicas, capacity));
    for (Replica r : all) {
      if (r.placed()) {
        assertThat(sim.nodes.get(r.nodeId()).ready()).isTrue();
      } else {
        assertThat(r.pending()).isNotNull();
        assertThat(r.pending().summary()).isNotBlank();
      }
    }
    Map<String, Long> perNode = new HashMap<>();
    all.stream().filter(Replica::placed).forEach(r -> perNode.merge(r.nodeId(), 1L, Long::sum));
    assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    if (placed == replicas && replicas > 0) {
      assertThat(sim.app.rollout().phase()).isEqualTo(RolloutState.COMPLETE);
    }
  }

  @Property
  void nodeGoingDown_movesItsReplicasToReadyNodes(
      @ForAll @IntRange(min = 2, max = 5) int nodes, @ForAll @IntRange(min = 1, max = 4) int replicas) {
    Sim sim = cluster(nodes, 0, replicas);
    sim.pass();
    sim.pass();
    Node n0 = sim.nodes.get("n0");
    sim.nodes.put("n0", new Node(n0.info(), NodeState.DOWN, T0, T0, "SILENT"));

    sim.pass();

    assertThat(sim.replicasOf()).allSatisfy(r -> assertThat(r.nodeId()).isNotEqualTo("n0").isNotNull());
  }

  @Property
  void samePassForSameInput(@ForAll @IntRange(min = 1, max = 4) int nodes, @ForAll @IntRange(max = 10) int replicas) {
    Sim sim = cluster(nodes, 0, replicas);
    ClusterSnapshot s = sim.snapshot();
    assertThat(new AppReconciler().compute(sim.app, List.of(), s, T0))
        .isEqualTo(new AppReconciler().compute(sim.app, List.of(), s, T0));
  }
}
