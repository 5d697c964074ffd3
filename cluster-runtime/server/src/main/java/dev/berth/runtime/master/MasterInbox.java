package dev.berth.runtime.master;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeLivenessController;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.store.StateStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The master's side of {@link ClusterInbox}: records what nodes say and queues the apps concerned. Called on
 * transport threads; everything here is a map write or a queue add.
 */
final class MasterInbox implements ClusterInbox {

  private final StateStore store;
  private final NodeLivenessController liveness;
  private final Consumer<String> appChanged;

  MasterInbox(StateStore store, NodeLivenessController liveness, Consumer<String> appChanged) {
    this.store = store;
    this.liveness = liveness;
    this.appChanged = appChanged;
  }

  @Override
  public void nodeJoined(NodeInfo node) {
    liveness.joined(node);
  }

  @Override
  public void nodeHeartbeat(String nodeId, Instant receivedAt) {
    liveness.heartbeat(nodeId, receivedAt);
  }

  @Override
  public void nodeReport(String nodeId, List<ReplicaObservation> replicas) {
    liveness.heartbeat(nodeId, Instant.now());
    store.putObservations(nodeId, replicas);
    Set<String> apps = new HashSet<>();
    // The apps reported on, and those with replicas assigned here (a missing report is news too).
    store.snapshot().replicas().values().forEach(
        r -> {
          if (nodeId.equals(r.nodeId())) {
            apps.add(r.appKey());
          }
        });
    apps.forEach(appChanged);
  }

  @Override
  public void nodeDisconnected(String nodeId, String reason) {
    liveness.disconnected(nodeId, reason);
  }
}
