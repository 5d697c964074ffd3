package dev.berth.runtime.master;

import dev.berth.runtime.controller.BuildJobController;
import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeLivenessController;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  private final Clock clock;
  private final BuildJobController builds;

  MasterInbox(StateStore store, NodeLivenessController liveness, Consumer<String> appChanged, Clock clock,
      BuildJobController builds) {
    this.builds = builds;
    this.store = store;
    this.liveness = liveness;
    this.appChanged = appChanged;
    this.clock = clock;
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
    liveness.heartbeat(nodeId, clock.instant());
    Map<String, ReplicaObservation> before = store.snapshot().observations().getOrDefault(nodeId, Map.of());
    store.putObservations(nodeId, replicas);
    // Only changes matter to the controllers; periodic reports that only refresh usage figures queue nothing.
    Set<String> changed = new HashSet<>();
    for (ReplicaObservation o : replicas) {
      if (!sameState(before.get(o.replicaId()), o)) {
        changed.add(o.replicaId());
      }
    }
    for (String id : before.keySet()) {
      if (replicas.stream().noneMatch(o -> o.replicaId().equals(id))) {
        changed.add(id);
      }
    }
    Map<String, Replica> desired = store.snapshot().replicas();
    Set<String> apps = new HashSet<>();
    for (String id : changed) {
      Replica r = desired.get(id);
      if (r != null) {
        apps.add(r.appKey());
      }
    }
    apps.forEach(appChanged);
  }

  private static boolean sameState(ReplicaObservation a, ReplicaObservation b) {
    return a != null
        && a.revision() == b.revision()
        && a.attempt() == b.attempt()
        && a.state() == b.state()
        && a.health() == b.health()
        && a.oomKilled() == b.oomKilled()
        && Objects.equals(a.exitCode(), b.exitCode())
        && a.containerId().equals(b.containerId())
        && a.hostPorts().equals(b.hostPorts());
  }

  @Override
  public void buildReport(String nodeId, BuildReport report) {
    liveness.heartbeat(nodeId, clock.instant());
    builds.report(nodeId, report);
  }

  @Override
  public byte[] buildContext(String nodeId, String jobId, long offset, int maxBytes) {
    return builds.context(nodeId, jobId, offset, maxBytes);
  }

  @Override
  public void nodeDisconnected(String nodeId, String reason) {
    liveness.disconnected(nodeId, reason);
  }
}
