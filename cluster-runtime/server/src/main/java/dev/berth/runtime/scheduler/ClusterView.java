package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.Replica;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the scheduler's node views from a cluster snapshot: capacity minus what placed replicas request. */
public final class ClusterView {

  private ClusterView() {}

  /** One view per node, with every placed replica's requests counted on its node. */
  public static List<NodeView> nodes(ClusterSnapshot snapshot) {
    return nodes(snapshot, Set.of(), List.of());
  }

  /**
   * One view per node of {@code snapshot}, counting its placed replicas except those whose id is in {@code replaced},
   * and {@code replacements} instead: the cluster as it is once one app's replicas are replaced by their new
   * versions, without copying the snapshot.
   */
  public static List<NodeView> nodes(
      ClusterSnapshot snapshot, Set<String> replaced, Collection<Replica> replacements) {
    Map<String, long[]> used = new HashMap<>();
    Map<String, Map<String, Integer>> perApp = new HashMap<>();
    // Parsing a spec's resource text is the costly part; many replicas share one spec.
    Map<AppSpec, long[]> requests = new IdentityHashMap<>();
    for (Replica r : snapshot.replicas().values()) {
      if (!replaced.contains(r.id())) {
        count(r, snapshot, requests, used, perApp);
      }
    }
    for (Replica r : replacements) {
      count(r, snapshot, requests, used, perApp);
    }
    List<NodeView> views = new ArrayList<>();
    for (Node n : snapshot.nodes().values()) {
      long[] u = used.getOrDefault(n.id(), new long[2]);
      views.add(
          new NodeView(
              n.id(), n.ready(), n.info().labels(), n.info().cpuMillis(), n.info().memoryBytes(), u[0], u[1],
              perApp.getOrDefault(n.id(), Map.of())));
    }
    return views;
  }

  private static void count(
      Replica r, ClusterSnapshot snapshot, Map<AppSpec, long[]> requests, Map<String, long[]> used,
      Map<String, Map<String, Integer>> perApp) {
    if (!r.placed()) {
      return;
    }
    AppRecord app = snapshot.apps().get(r.appKey());
    long cpu = 0;
    long memory = 0;
    if (app != null) {
      long[] request =
          requests.computeIfAbsent(
              app.specFor(r.revision()),
              spec -> new long[] {spec.resources().cpuMillis(), spec.resources().memoryBytes()});
      cpu = request[0];
      memory = request[1];
    }
    long[] u = used.computeIfAbsent(r.nodeId(), k -> new long[2]);
    u[0] += cpu;
    u[1] += memory;
    perApp.computeIfAbsent(r.nodeId(), k -> new HashMap<>()).merge(r.appKey(), 1, Integer::sum);
  }
}
