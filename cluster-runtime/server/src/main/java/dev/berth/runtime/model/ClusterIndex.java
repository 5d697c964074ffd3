package dev.berth.runtime.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the scheduler and controllers look up on every pass, kept with a {@link ClusterSnapshot} so they need not
 * scan every replica: per node, the resources its placed replicas request, its replicas per app and its placed
 * replicas sorted by id; per app, its replicas sorted by id. A replica requests what its app's spec for its revision asks ({@link AppRecord#specFor}),
 * or nothing when its app is gone. Immutable; {@link #apply} derives the index of a changed snapshot from only what
 * changed, and equals {@link #of} of that snapshot.
 */
public final class ClusterIndex {

  private static final Comparator<Replica> BY_ID = Comparator.comparing(Replica::id);

  /** A replica's node when it is placed, else none: the key of {@link #replicasOn}. */
  private static final Function<Replica, String> PLACED_ON = r -> r.placed() ? r.nodeId() : null;

  private final ShardedMap<String, NodeUsage> usageByNode;
  private final ShardedMap<String, List<Replica>> replicasByApp;
  private final ShardedMap<String, List<Replica>> replicasByNode;

  private ClusterIndex(ShardedMap<String, NodeUsage> usageByNode, ShardedMap<String, List<Replica>> replicasByApp,
      ShardedMap<String, List<Replica>> replicasByNode) {
    this.usageByNode = usageByNode;
    this.replicasByApp = replicasByApp;
    this.replicasByNode = replicasByNode;
  }

  /** The index of {@code apps} and {@code replicas}, computed from all of them. */
  public static ClusterIndex of(Map<String, AppRecord> apps, Map<String, Replica> replicas) {
    UsageChange counts = new UsageChange();
    for (Replica r : replicas.values()) {
      counts.add(apps, r, +1);
    }
    return new ClusterIndex(applied(counts, ShardedMap.empty()), grouped(replicas, Replica::appKey),
        grouped(replicas, PLACED_ON));
  }

  private static ShardedMap<String, List<Replica>> grouped(Map<String, Replica> replicas,
      Function<Replica, String> key) {
    Map<String, List<Replica>> groups = new HashMap<>();
    for (Replica r : replicas.values()) {
      String k = key.apply(r);
      if (k != null) {
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
    }
    ShardedMap.Editor<String, List<Replica>> lists = ShardedMap.<String, List<Replica>>empty().edit();
    groups.forEach((k, list) -> {
      list.sort(BY_ID);
      lists.put(k, List.copyOf(list));
    });
    return lists.build();
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
    Set<String> changedIds = new HashSet<>(changedReplicas);
    return new ClusterIndex(counts.isEmpty() ? usageByNode : applied(counts, usageByNode),
        regrouped(replicasByApp, Replica::appKey, changedIds, oldReplicas, newReplicas),
        regrouped(replicasByNode, PLACED_ON, changedIds, oldReplicas, newReplicas));
  }

  /** {@code lists} (replicas grouped by {@code key}) with the changed replicas' old versions out, new ones in. */
  private static ShardedMap<String, List<Replica>> regrouped(ShardedMap<String, List<Replica>> lists,
      Function<Replica, String> key, Set<String> changedIds, Map<String, Replica> oldReplicas,
      Map<String, Replica> newReplicas) {
    Map<String, List<Replica>> added = new HashMap<>();
    for (String id : changedIds) {
      Replica before = oldReplicas.get(id);
      String from = before == null ? null : key.apply(before);
      if (from != null) {
        added.putIfAbsent(from, new ArrayList<>());
      }
      Replica after = newReplicas.get(id);
      String to = after == null ? null : key.apply(after);
      if (to != null) {
        added.computeIfAbsent(to, k -> new ArrayList<>()).add(after);
      }
    }
    if (added.isEmpty()) {
      return lists;
    }
    ShardedMap.Editor<String, List<Replica>> editor = lists.edit();
    added.forEach((k, news) -> {
      List<Replica> list = new ArrayList<>(news);
      for (Replica r : lists.getOrDefault(k, List.of())) {
        if (!changedIds.contains(r.id())) {
          list.add(r);
        }
      }
      if (list.isEmpty()) {
        editor.remove(k);
      } else {
        list.sort(BY_ID);
        editor.put(k, List.copyOf(list));
      }
    });
    return editor.build();
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

  /** The replicas placed on {@code nodeId}, sorted by id (immutable): what its assignment lists. */
  public List<Replica> replicasOn(String nodeId) {
    List<Replica> list = replicasByNode.get(nodeId);
    return list == null ? List.of() : list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterIndex other && usageByNode.equals(other.usageByNode)
        && replicasByApp.equals(other.replicasByApp) && replicasByNode.equals(other.replicasByNode);
  }

  @Override
  public int hashCode() {
    return (usageByNode.hashCode() * 31 + replicasByApp.hashCode()) * 31 + replicasByNode.hashCode();
  }

  @Override
  public String toString() {
    return "ClusterIndex[usageByNode=" + usageByNode + ", replicasByApp=" + replicasByApp + ", replicasByNode="
        + replicasByNode + "]";
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
