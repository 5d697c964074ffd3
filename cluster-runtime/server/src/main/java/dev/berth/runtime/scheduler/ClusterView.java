package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.ClusterIndex;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeUsage;
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
   * versions, without copying the snapshot. Starts from the snapshot's node usage index, so it costs the nodes
   * and the replaced replicas, not every replica.
   */
  public static List<NodeView> nodes(
      ClusterSnapshot snapshot, Set<String> replaced, Collection<Replica> replacements) {
    Map<String, long[]> used = new HashMap<>();
    Map<String, Map<String, Integer>> perApp = new HashMap<>();
    Map<AppSpec, long[]> parsed = new IdentityHashMap<>();
    for (String id : replaced) {
      Replica r = snapshot.replicas().get(id);
      if (r != null) {
        count(r, -1, snapshot, parsed, used, perApp);
      }
    }
    for (Replica r : replacements) {
      count(r, +1, snapshot, parsed, used, perApp);
    }
    ClusterIndex index = snapshot.index();
    List<NodeView> views = new ArrayList<>(snapshot.nodes().size());
    for (Node n : snapshot.nodes().values()) {
      NodeUsage usage = index.usageOf(n.id());
      long cpu = usage.cpuMillis();
      long memory = usage.memoryBytes();
      Map<String, Integer> apps = usage.replicasPerApp();
      long[] delta = used.get(n.id());
      if (delta != null) {
        cpu += delta[0];
        memory += delta[1];
        apps = new HashMap<>(apps);
        for (Map.Entry<String, Integer> e : perApp.get(n.id()).entrySet()) {
          int count = apps.getOrDefault(e.getKey(), 0) + e.getValue();
          if (count == 0) {
            apps.remove(e.getKey());
          } else {
            apps.put(e.getKey(), count);
          }
        }
      }
      views.add(
          new NodeView(
              n.id(), n.ready(), n.info().labels(), n.info().cpuMillis(), n.info().memoryBytes(), cpu, memory, apps));
    }
    return views;
  }

  private static void count(
      Replica r, int sign, ClusterSnapshot snapshot, Map<AppSpec, long[]> parsed, Map<String, long[]> used,
      Map<String, Map<String, Integer>> perApp) {
    if (!r.placed()) {
      return;
    }
    long[] request = ClusterIndex.requestOf(snapshot.apps(), r, parsed);
    long[] u = used.computeIfAbsent(r.nodeId(), k -> new long[2]);
    u[0] += sign * request[0];
    u[1] += sign * request[1];
    perApp.computeIfAbsent(r.nodeId(), k -> new HashMap<>()).merge(r.appKey(), sign, Integer::sum);
  }
}
