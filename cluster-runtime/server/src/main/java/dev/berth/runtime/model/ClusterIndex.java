package dev.berth.runtime.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler and controllers look up on every pass, kept with a {@link ClusterSnapshot} so they need not
 * scan every replica: per node, the resources its placed replicas request and its replicas per app; per app, its
 * replicas sorted by id. A replica requests what its app's spec for its revision asks ({@link AppRecord#specFor}),
 * or nothing when its app is gone. Immutable; {@link #apply} derives the index of a changed snapshot from only what
 * changed, and equals {@link #of} of that snapshot.
 */
public final class ClusterIndex {

  private static final Comparator<Replica> BY_ID = Comparator.comparing(Replica::id);

  private final ShardedMap<String, NodeUsage> usageByNode;
  private final ShardedMap<String, List<Replica>> replicasByApp;

  private ClusterIndex(ShardedMap<String, NodeUsage> usageByNode, ShardedMap<String, List<Replica>> replicasByApp) {
    this.usageByNode = usageByNode;
    this.replicasByApp = replicasByApp;
  }

  /** The index of {@code apps} and {@code replicas}, computed from all of them. */
  public static ClusterIndex of(Map<String, AppRecord> apps, Map<String, Replica> replicas) {
    UsageChange counts = new UsageChange();
    Map<String, List<Replica>> byApp = new HashMap<>();
    for (Replica r : replicas.values()) {
      counts.add(apps, r, +1);
      byApp.computeIfAbsent(r.appKey(), k -> new ArrayList<>()).add(r);
    }
    ShardedMap.Editor<String, List<Replica>> lists = ShardedMap.<String, List<Replica>>empty().edit();
    byApp.forEach((app, list) -> {
      list.sort(BY_ID);
      lists.put(app, List.copyOf(list));
    });
    return new ClusterIndex(applied(counts, ShardedMap.empty()), lists.build());
  }

  /**
   * The index after a change from ({@code oldApps}, {@code oldReplicas}), which this index describes, to
   * ({@code newApps}, {@code newReplicas}), where only the apps keyed {@code changedApps} and the replicas with id
   * in {@code changedReplicas} differ (put or removed).
   */
  public ClusterIndex apply(
      Map<String, AppRecord> oldApps, Map<String, Replica> oldReplicas, Map<String, AppRecord> newApps,
      Map<String, Replica> newReplicas, Collection<String> changedApps, Collection<String> changedReplicas) {
    // A replica's request depends on itself and its app only: recount the changed replicas and every replica of
    // a changed app, before and after.
    Set<String> recount = new HashSet<>(changedReplicas);
    for (String app : changedApps) {
      for (Replica r : replicasOf(app)) {
        recount.add(r.id());
      }
    }
    UsageChange counts = new UsageChange();
    for (String id : recount) {
      Replica before = oldReplicas.get(id);
      if (before != null) {
        counts.add(oldApps, before, -1);
      }
      Replica after = newReplicas.get(id);
      if (after != null) {
        counts.add(newApps, after, +1);
      }
    }
    // Each app's list: drop its changed replicas, add their new versions.
    Set<String> changedIds = new HashSet<>(changedReplicas);
    Map<String, List<Replica>> listChanges = new HashMap<>();
    for (String id : changedIds) {
      Replica before = oldReplicas.get(id);
      if (before != null) {
        listChanges.putIfAbsent(before.appKey(), new ArrayList<>());
      }
      Replica after = newReplicas.get(id);
      if (after != null) {
        listChanges.computeIfAbsent(after.appKey(), k -> new ArrayList<>()).add(after);
      }
    }
    ShardedMap<String, List<Replica>> lists = replicasByApp;
    if (!listChanges.isEmpty()) {
      ShardedMap.Editor<String, List<Replica>> editor = replicasByApp.edit();
      listChanges.forEach((app, added) -> {
        List<Replica> list = new ArrayList<>(added);
        for (Replica r : replicasOf(app)) {
          if (!changedIds.contains(r.id())) {
            list.add(r);
          }
        }
        if (list.isEmpty()) {
          editor.remove(app);
        } else {
          list.sort(BY_ID);
          editor.put(app, List.copyOf(list));
        }
      });
      lists = editor.build();
    }
    return new ClusterIndex(counts.isEmpty() ? usageByNode : applied(counts, usageByNode), lists);
  }

  /** What the replicas placed on {@code nodeId} request and hold; {@link NodeUsage#NONE} when it has none. */
  public NodeUsage usageOf(String nodeId) {
    NodeUsage usage = usageByNode.get(nodeId);
    return usage == null ? NodeUsage.NONE : usage;
  }

  /** Usage by node id, for every node with at least one placed replica. */
  public Map<String, NodeUsage> usageByNode() {
    return usageByNode;
  }

  /** The app's replicas sorted by id (immutable). */
  public List<Replica> replicasOf(String appKey) {
    List<Replica> list = replicasByApp.get(appKey);
    return list == null ? List.of() : list;
  }

  /** Replicas by app key, for every app with at least one replica. */
  public Map<String, List<Replica>> replicasByApp() {
    return replicasByApp;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterIndex other
        && usageByNode.equals(other.usageByNode) && replicasByApp.equals(other.replicasByApp);
  }

  @Override
  public int hashCode() {
    return usageByNode.hashCode() * 31 + replicasByApp.hashCode();
  }

  @Override
  public String toString() {
    return "ClusterIndex[usageByNode=" + usageByNode + ", replicasByApp=" + replicasByApp + "]";
  }

  private static ShardedMap<String, NodeUsage> applied(UsageChange change, ShardedMap<String, NodeUsage> usage) {
    ShardedMap.Editor<String, NodeUsage> editor = usage.edit();
    for (String node : change.nodes()) {
      NodeUsage after = change.applyTo(node, usage.getOrDefault(node, NodeUsage.NONE));
      if (after.replicasPerApp().isEmpty()) {
        editor.remove(node);
      } else {
        editor.put(node, after);
      }
    }
    return editor.build();
  }
}
