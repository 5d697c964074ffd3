package dev.berth.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.Resources;
import dev.berth.runtime.scheduler.ClusterView;
import dev.berth.runtime.scheduler.NodeView;
import dev.berth.runtime.store.InMemoryStateStore;
import dev.berth.runtime.store.StateStore;
import dev.berth.runtime.store.StoreWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The store's incrementally kept index answers exactly what a full scan of the snapshot answers, after any
 * sequence of writes: replicas placed, moved, unplaced and deleted; apps created, updated to other resources
 * (with older revisions' specs kept or dropped) and deleted while replicas remain.
 */
class ClusterIndexProperties {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] APPS = {"default/web", "default/db", "default/job"};
  private static final String[] NODES = {"n0", "n1", "n2", "n3"};
  private static final String[] CPU = {"50m", "250m", "1", "2"};
  private static final String[] MEMORY = {"64Mi", "256Mi", "1Gi"};

  @Property(tries = 300)
  void indexedAnswersEqualAFullRecomputationAfterEveryWrite(@ForAll("writes") List<List<Integer>> writes) {
    InMemoryStateStore store = new InMemoryStateStore();
    for (int i = 0; i < NODES.length; i++) {
      store.putNode(new Node(new NodeInfo(NODES[i], "", 4000, 8L << 30, Map.of(), ""), NodeState.READY, T0, T0, ""));
    }
    for (List<Integer> w : writes) {
      store.update(s -> new StateStore.Outcome<>(write(s, w), null));
      ClusterSnapshot s = store.snapshot();

      assertThat(s.index()).isEqualTo(ClusterIndex.of(s.apps(), s.replicas()));
      assertThat(ClusterView.nodes(s)).containsExactlyInAnyOrderElementsOf(scannedViews(s, Set.of(), List.of()));
      for (String node : NODES) {
        // What a node's assignment lists: its placed replicas by id.
        assertThat(s.index().replicasOn(node)).isEqualTo(s.replicas().values().stream()
            .filter(r -> r.placed() && r.nodeId().equals(node))
            .sorted(java.util.Comparator.comparing(Replica::id)).toList());
      }
      for (String app : APPS) {
        assertThat(s.replicasOf(app)).isEqualTo(scannedReplicasOf(s, app));
        // What a placing pass of the app asks: the cluster with its replicas replaced by moved versions.
        List<Replica> existing = scannedReplicasOf(s, app);
        Set<String> replaced = existing.stream().map(Replica::id).collect(Collectors.toSet());
        List<Replica> moved = new ArrayList<>();
        for (int i = 0; i < existing.size(); i++) {
          Replica r = existing.get(i);
          moved.add(i % 2 == 0 ? r.placedOn(NODES[(w.get(0) + i) % NODES.length], T0) : r);
        }
        assertThat(ClusterView.nodes(s, replaced, moved))
            .containsExactlyInAnyOrderElementsOf(scannedViews(s, replaced, moved));
      }
    }
  }

  @Provide
  Arbitrary<List<List<Integer>>> writes() {
    return Arbitraries.integers().between(0, 999).list().ofSize(8).list().ofMinSize(1).ofMaxSize(40);
  }

  /** Decodes eight numbers into one write of up to one app change and up to two replica changes. */
  private static StoreWrite write(ClusterSnapshot s, List<Integer> w) {
    List<AppRecord> putApps = new ArrayList<>();
    List<String> deleteApps = new ArrayList<>();
    String appKey = APPS[w.get(0) % APPS.length];
    switch (w.get(1) % 4) {
      case 0 -> deleteApps.add(appKey);
      case 1, 2 -> putApps.add(app(s.apps().get(appKey), appKey, w.get(2), w.get(3)));
      default -> { }
    }
    List<Replica> putReplicas = new ArrayList<>();
    List<String> deleteReplicas = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      int code = w.get(4 + 2 * k);
      int more = w.get(5 + 2 * k);
      String id = "r" + (code % 12);
      switch (more % 5) {
        case 0 -> deleteReplicas.add(id);
        case 1 -> { }
        default -> {
          // Revisions 1–3 of any app, some of which the app has no spec for; placed on a node or pending.
          Replica r = Replica.create(id, APPS[(code / 12) % APPS.length], 1 + (more / 5) % 3, T0);
          int node = (more / 15) % (NODES.length + 1);
          putReplicas.add(node == NODES.length ? r : r.placedOn(NODES[node], T0));
        }
      }
    }
    return new StoreWrite(putApps, deleteApps, putReplicas, deleteReplicas);
  }

  /** A new revision of the app with other resources, keeping one or none of the older specs, or a new app. */
  private static AppRecord app(AppRecord old, String key, int resources, int keep) {
    String name = key.substring(key.indexOf('/') + 1);
    AppSpec spec =
        new AppSpec(name, null, "img:" + resources, 3, null, null,
            new Resources(MEMORY[resources % MEMORY.length], CPU[(resources / 3) % CPU.length]), null, null, null,
            null, null, null, null, null, null);
    if (old == null) {
      return new AppRecord(spec, 1, T0, T0, RolloutState.start(1, T0, 0), Map.of());
    }
    long revision = old.revision() % 3 + 1;
    Map<Long, AppSpec> previous = new HashMap<>();
    if (keep % 2 == 0) {
      previous.putAll(old.previous());
      previous.put(old.revision(), old.spec());
      previous.remove(revision);
    }
    return new AppRecord(spec, revision, T0, T0, RolloutState.start(revision, T0, 0), previous);
  }

  private static List<Replica> scannedReplicasOf(ClusterSnapshot s, String appKey) {
    return s.replicas().values().stream()
        .filter(r -> r.appKey().equals(appKey))
        .sorted(Comparator.comparing(Replica::id))
        .collect(Collectors.toList());
  }

  /** Node views counted from every replica, as the scheduler's views were built before the index. */
  private static List<NodeView> scannedViews(ClusterSnapshot s, Set<String> replaced, List<Replica> replacements) {
    List<Replica> counted = new ArrayList<>();
    s.replicas().values().stream().filter(r -> !replaced.contains(r.id())).forEach(counted::add);
    counted.addAll(replacements);
    Map<String, long[]> used = new HashMap<>();
    Map<String, Map<String, Integer>> perApp = new HashMap<>();
    for (Replica r : counted) {
      if (!r.placed()) {
        continue;
      }
      AppRecord app = s.apps().get(r.appKey());
      long[] u = used.computeIfAbsent(r.nodeId(), k -> new long[2]);
      if (app != null) {
        u[0] += app.specFor(r.revision()).resources().cpuMillis();
        u[1] += app.specFor(r.revision()).resources().memoryBytes();
      }
      perApp.computeIfAbsent(r.nodeId(), k -> new HashMap<>()).merge(r.appKey(), 1, Integer::sum);
    }
    List<NodeView> views = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node n : s.nodes().values()) {
      seen.add(n.id());
      long[] u = used.getOrDefault(n.id(), new long[2]);
      views.add(new NodeView(n.id(), n.ready(), n.info().labels(), n.info().cpuMillis(), n.info().memoryBytes(),
          u[0], u[1], perApp.getOrDefault(n.id(), Map.of())));
    }
    assertThat(seen).hasSize(NODES.length);
    return views;
  }
}
