package dev.berth.runtime.scheduler;

import dev.berth.runtime.model.ClusterIndex;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeUsage;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.UsageChange;
import java.util.ArrayList;
import java.util.Collection;
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
    UsageChange change = new UsageChange();
    for (String id : replaced) {
      Replica r = snapshot.replicas().get(id);
      if (r != null) {
        change.add(snapshot.apps(), r, -1);
      }
    }
    for (Replica r : replacements) {
      change.add(snapshot.apps(), r, +1);
    }
    ClusterIndex index = snapshot.index();
    List<NodeView> views = new ArrayList<>(snapshot.nodes().size());
    for (Node n : snapshot.nodes().values()) {
      NodeUsage usage = change.applyTo(n.id(), index.usageOf(n.id()));
      views.add(
          new NodeView(
              n.id(), n.ready(), n.info().labels(), n.info().cpuMillis(), n.info().memoryBytes(),
              usage.cpuMillis(), usage.memoryBytes(), usage.replicasPerApp()));
    }
    return views;
  }

  /** {@code nodes} with what others than replicas hold on them (running build jobs) counted too. */
  public static List<NodeView> withHeld(List<NodeView> nodes, Map<String, List<PlacementRequest>> heldByNode) {
    if (heldByNode.isEmpty()) {
      return nodes;
    }
    List<NodeView> views = new ArrayList<>(nodes.size());
    for (NodeView node : nodes) {
      for (PlacementRequest held : heldByNode.getOrDefault(node.id(), List.of())) {
        node = node.with(held);
      }
      views.add(node);
    }
    return views;
  }
}
