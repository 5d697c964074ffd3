package dev.berth.runtime.scheduler;

import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.Replica;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the scheduler's node views from a cluster snapshot: capacity minus what placed replicas request. */
public final class ClusterView {

  private ClusterView() {}

  /** One view per node, with every placed replica's requests counted on its node. */
  public static List<NodeView> nodes(ClusterSnapshot snapshot) {
    Map<String, long[]> used = new HashMap<>();
    Map<String, Map<String, Integer>> perApp = new HashMap<>();
    for (Replica r : snapshot.replicas().values()) {
      if (!r.placed()) {
        continue;
      }
      AppRecord app = snapshot.apps().get(r.appKey());
      long cpu = app == null ? 0 : app.specFor(r.revision()).resources().cpuMillis();
      long memory = app == null ? 0 : app.specFor(r.revision()).resources().memoryBytes();
      long[] u = used.computeIfAbsent(r.nodeId(), k -> new long[2]);
      u[0] += cpu;
      u[1] += memory;
      perApp.computeIfAbsent(r.nodeId(), k -> new HashMap<>()).merge(r.appKey(), 1, Integer::sum);
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
}
