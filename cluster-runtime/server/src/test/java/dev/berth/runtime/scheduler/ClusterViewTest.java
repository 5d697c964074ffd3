package dev.berth.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.Resources;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.RolloutState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static AppRecord app(String name, String cpu, String memory) {
    AppSpec spec =
        new AppSpec(name, null, "img:1", 3, null, null, new Resources(memory, cpu), null, null, null, null, null, null,
            null, null, null);
    return new AppRecord(spec, 1, NOW, NOW, RolloutState.start(1, NOW, 0), Map.of());
  }

  private static Node node(String id) {
    return new Node(new NodeInfo(id, "", 4000, 8L << 30, Map.of(), ""), NodeState.READY, NOW, NOW, "");
  }

  private static Replica on(String id, String appKey, String node) {
    return Replica.create(id, appKey, 1, NOW).placedOn(node, NOW);
  }

  @Test
  void nodes_withReplacements_sameAsTheSnapshotWithThemApplied() {
    AppRecord web = app("web", "500m", "1Gi");
    AppRecord db = app("db", "1", "2Gi");
    Map<String, Replica> replicas = new HashMap<>();
    replicas.put("w1", on("w1", web.key(), "a"));
    replicas.put("w2", on("w2", web.key(), "b"));
    replicas.put("d1", on("d1", db.key(), "a"));
    ClusterSnapshot snapshot =
        new ClusterSnapshot(
            1, Map.of(web.key(), web, db.key(), db), replicas, Map.of("a", node("a"), "b", node("b")), Map.of());
    // web's pass moves w2 to a, drops w1 and adds an unplaced w3.
    List<Replica> webAfter = List.of(on("w2", web.key(), "a"), Replica.create("w3", web.key(), 1, NOW));
    Map<String, Replica> applied = new HashMap<>(replicas);
    applied.remove("w1");
    applied.remove("w2");
    webAfter.forEach(r -> applied.put(r.id(), r));
    ClusterSnapshot after = new ClusterSnapshot(2, snapshot.apps(), applied, snapshot.nodes(), Map.of());

    List<NodeView> views = ClusterView.nodes(snapshot, Set.of("w1", "w2"), webAfter);

    assertThat(views).containsExactlyInAnyOrderElementsOf(ClusterView.nodes(after));
    NodeView a = views.stream().filter(v -> v.id().equals("a")).findFirst().orElseThrow();
    assertThat(a.cpuUsedMillis()).isEqualTo(1500);
    assertThat(a.memoryUsedBytes()).isEqualTo(3L << 30);
    assertThat(a.replicasOf(web.key())).isEqualTo(1);
  }
}
