package dev.berth.runtime.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable view of the whole cluster at store revision {@code revision}: desired apps and replicas, nodes,
 * and what the nodes last reported. The pure decision code reads only this.
 *
 * @param revision the store's revision when the view was taken
 * @param apps apps by {@code namespace/name}
 * @param replicas replicas by id
 * @param nodes nodes by id
 * @param observations node id → replica id → what that node last reported
 */
public record ClusterSnapshot(
    long revision,
    Map<String, AppRecord> apps,
    Map<String, Replica> replicas,
    Map<String, Node> nodes,
    Map<String, Map<String, ReplicaObservation>> observations) {

  public ClusterSnapshot {
    apps = Map.copyOf(apps);
    replicas = Map.copyOf(replicas);
    nodes = Map.copyOf(nodes);
    observations = Map.copyOf(observations);
  }

  /** An empty cluster. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The app's replicas, sorted by id. */
  public List<Replica> replicasOf(String appKey) {
    return replicas.values().stream()
        .filter(r -> r.appKey().equals(appKey))
        .sorted(java.util.Comparator.comparing(Replica::id))
        .collect(Collectors.toList());
  }

  /** What the replica's own node last reported of it, or {@code null}. */
  public ReplicaObservation observationOf(Replica replica) {
    if (replica.nodeId() == null) {
      return null;
    }
    return observations.getOrDefault(replica.nodeId(), Map.of()).get(replica.id());
  }
}
