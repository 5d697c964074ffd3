package dev.berth.runtime.controller;

import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides node liveness (RUNTIME.md §2.5): a node silent for {@link #SILENCE} or disconnected for longer than
 * {@link #RECONNECT_GRACE} is DOWN, and the apps with replicas on it are reconciled so they are replaced.
 * Heartbeats are kept here, not in the store, so 1 Hz per node costs one map write.
 */
public final class NodeLivenessController {

  /** Silence after which a node is down (detection within 3 s at a 100 ms sweep). */
  public static final Duration SILENCE = Duration.ofMillis(2500);
  /** Time a closed connection has to come back before the node is down (detection within 1 s). */
  public static final Duration RECONNECT_GRACE = Duration.ofMillis(500);
  /** A sweep later than this means the master itself stalled (GC, CPU): it declares nobody down this time. */
  static final Duration STALL = Duration.ofSeconds(1);

  private final StateStore store;
  private final Clock clock;
  private final Consumer<String> appChanged;
  private final Consumer<String> nodeChanged;
  private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
  private volatile Instant lastSweep;

  /**
   * @param appChanged told of apps to reconcile (their node went down, or a node joined with free capacity)
   * @param nodeChanged told of nodes whose assignment must be re-sent (a join)
   */
  public NodeLivenessController(
      StateStore store, Clock clock, Consumer<String> appChanged, Consumer<String> nodeChanged) {
    this.store = store;
    this.clock = clock;
    this.appChanged = appChanged;
    this.nodeChanged = nodeChanged;
  }

  /** A node joined or rejoined: ready now, and its assignment goes out. */
  public void joined(NodeInfo info) {
    Instant now = clock.instant();
    heartbeats.put(info.nodeId(), now);
    store.putNode(new Node(info, NodeState.READY, now, now, ""));
    nodeChanged.accept(info.nodeId());
    // New capacity: apps with pending replicas may fit; apps with replicas here see the node ready again.
    ClusterSnapshot s = store.snapshot();
    Set<String> apps = new java.util.TreeSet<>();
    for (Replica r : s.replicas().values()) {
      if (!r.placed() || info.nodeId().equals(r.nodeId())) {
        apps.add(r.appKey());
      }
    }
    apps.forEach(appChanged);
  }

  /** A heartbeat arrived. */
  public void heartbeat(String nodeId, Instant at) {
    heartbeats.put(nodeId, at);
  }

  /** The node's connection closed. */
  public void disconnected(String nodeId, String reason) {
    Node node = store.snapshot().nodes().get(nodeId);
    if (node == null || node.state() != NodeState.READY) {
      return;
    }
    Instant now = clock.instant();
    store.putNode(new Node(node.info(), NodeState.DISCONNECTED, node.lastHeartbeat(), now, "DISCONNECTED: " + reason));
    enqueueAppsOn(nodeId, store.snapshot());
  }

  /**
   * Registers nodes that replicas refer to but that have not joined since this master started, as disconnected,
   * so they get the reconnect grace (plus {@code startupGrace}) before their replicas are replaced.
   */
  public void adoptKnownNodes(Duration startupGrace) {
    Instant now = clock.instant().plus(startupGrace);
    ClusterSnapshot s = store.snapshot();
    for (Replica r : s.replicas().values()) {
      if (r.placed() && !s.nodes().containsKey(r.nodeId())) {
        store.putNode(
            new Node(new NodeInfo(r.nodeId(), "", 0, 0, Map.of(), ""), NodeState.DISCONNECTED, now, now,
                "DISCONNECTED: master restarted"));
        s = store.snapshot();
      }
    }
  }

  /** The last heartbeat of a node, or {@code null}. */
  public Instant lastHeartbeat(String nodeId) {
    return heartbeats.get(nodeId);
  }

  /** One sweep: declares silent and long-disconnected nodes down. Called every 100 ms. */
  public void sweep() {
    Instant now = clock.instant();
    Instant previous = lastSweep;
    lastSweep = now;
    if (previous != null && Duration.between(previous, now).compareTo(STALL) > 0) {
      // We were not running; silence measured across our own stall proves nothing about the nodes.
      heartbeats.replaceAll((id, at) -> at.isBefore(now.minus(SILENCE)) ? now.minus(SILENCE.dividedBy(2)) : at);
      return;
    }
    ClusterSnapshot s = store.snapshot();
    for (Node node : s.nodes().values()) {
      String reason = null;
      if (node.state() == NodeState.READY) {
        Instant last = heartbeats.getOrDefault(node.id(), node.lastHeartbeat());
        if (Duration.between(last, now).compareTo(SILENCE) > 0) {
          reason = "SILENT: no heartbeat for " + Duration.between(last, now).toMillis() + " ms";
        }
      } else if (node.state() == NodeState.DISCONNECTED
          && Duration.between(node.changedAt(), now).compareTo(RECONNECT_GRACE) > 0) {
        reason = node.downReason().isEmpty() ? "DISCONNECTED" : node.downReason();
      }
      if (reason != null) {
        store.putNode(new Node(node.info(), NodeState.DOWN, heartbeats.getOrDefault(node.id(), node.lastHeartbeat()), now, reason));
        enqueueAppsOn(node.id(), store.snapshot());
      }
    }
  }

  private void enqueueAppsOn(String nodeId, ClusterSnapshot s) {
    Set<String> apps = new HashSet<>();
    for (Replica r : s.replicas().values()) {
      if (nodeId.equals(r.nodeId())) {
        apps.add(r.appKey());
      }
    }
    apps.stream().sorted().forEach(appChanged);
  }
}
