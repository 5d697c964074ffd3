package dev.berth.runtime.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of the whole cluster at store revision {@code revision}: desired apps and replicas, nodes,
 * and what the nodes last reported. The pure decision code reads only this.
 *
 * @param revision the store's revision when the view was taken
 * @param apps apps by {@code namespace/name}
 * @param replicas replicas by id
 * @param nodes nodes by id
 * @param observations node id → replica id → what that node last reported
 * @param index node usage and replicas per app; must be {@link ClusterIndex#of} of {@code apps} and {@code replicas}
 *     (the constructor without it computes it; {@link #withChanges} keeps it up to date from what changed)
 */
public record ClusterSnapshot(
    long revision,
    Map<String, AppRecord> apps,
    Map<String, Replica> replicas,
    Map<String, Node> nodes,
    Map<String, Map<String, ReplicaObservation>> observations,
    ClusterIndex index) {

  public ClusterSnapshot {
    apps = Map.copyOf(apps);
    replicas = ShardedMap.copyOf(replicas);
    nodes = Map.copyOf(nodes);
    observations = ShardedMap.copyOf(observations);
    java.util.Objects.requireNonNull(index, "index");
  }

  /** A snapshot with its index computed from {@code apps} and {@code replicas}. */
  public ClusterSnapshot(
      long revision, Map<String, AppRecord> apps, Map<String, Replica> replicas, Map<String, Node> nodes,
      Map<String, Map<String, ReplicaObservation>> observations) {
    this(revision, apps, replicas, nodes, observations, ClusterIndex.of(apps, replicas));
  }

  /**
   * This snapshot at {@code newRevision} with apps and replicas put and removed (removals first), sharing what
   * did not change and updating the index from only what did.
   */
  public ClusterSnapshot withChanges(
      long newRevision, List<AppRecord> putApps, List<String> deleteApps, List<Replica> putReplicas,
      List<String> deleteReplicas) {
    Map<String, AppRecord> newApps = apps;
    List<String> changedApps = new ArrayList<>();
    if (!deleteApps.isEmpty() || !putApps.isEmpty()) {
      Map<String, AppRecord> edited = new HashMap<>(apps);
      deleteApps.forEach(edited::remove);
      changedApps.addAll(deleteApps);
      for (AppRecord a : putApps) {
        edited.put(a.key(), a);
        changedApps.add(a.key());
      }
      newApps = edited;
    }
    Map<String, Replica> newReplicas = replicas;
    List<String> changedReplicas = new ArrayList<>();
    if (!deleteReplicas.isEmpty() || !putReplicas.isEmpty()) {
      ShardedMap.Editor<String, Replica> edited = ShardedMap.copyOf(replicas).edit();
      deleteReplicas.forEach(edited::remove);
      changedReplicas.addAll(deleteReplicas);
      for (Replica r : putReplicas) {
        edited.put(r.id(), r);
        changedReplicas.add(r.id());
      }
      newReplicas = edited.build();
    }
    newApps = Map.copyOf(newApps);
    ClusterIndex newIndex = index.apply(apps, replicas, newApps, newReplicas, changedApps, changedReplicas);
    return new ClusterSnapshot(newRevision, newApps, newReplicas, nodes, observations, newIndex);
  }

  /** An empty cluster. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The app's replicas, sorted by id (immutable). */
  public List<Replica> replicasOf(String appKey) {
    return index.replicasOf(appKey);
  }

  /** This snapshot at {@code newRevision} with other nodes. */
  public ClusterSnapshot withNodes(long newRevision, Map<String, Node> newNodes) {
    return new ClusterSnapshot(newRevision, apps, replicas, newNodes, observations, index);
  }

  /** This snapshot at {@code newRevision} with other observations. */
  public ClusterSnapshot withObservations(
      long newRevision, Map<String, Map<String, ReplicaObservation>> newObservations) {
    return new ClusterSnapshot(newRevision, apps, replicas, nodes, newObservations, index);
  }

  /** What the replica's own node last reported of it, or {@code null}. */
  public ReplicaObservation observationOf(Replica replica) {
    if (replica.nodeId() == null) {
      return null;
    }
    return observations.getOrDefault(replica.nodeId(), Map.of()).get(replica.id());
  }
}
