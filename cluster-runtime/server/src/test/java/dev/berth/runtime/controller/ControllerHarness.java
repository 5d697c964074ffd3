package dev.berth.runtime.controller;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import dev.berth.runtime.sizing.ContainerEnvironment;
import dev.berth.runtime.reconcile.NodeAssignments;
import dev.berth.runtime.scheduler.PlacementRequest;
import dev.berth.runtime.store.InMemoryStateStore;
import dev.berth.runtime.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master's controllers on the real in-memory store with a recording gateway, driven by hand: keys are queued
 * as in production, and {@link #settle()} runs passes until nothing is queued.
 */
final class ControllerHarness {

  static final long MI = 1L << 20;

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final StateStore store = new InMemoryStateStore();
  final RecordingNodeGateway gateway = new RecordingNodeGateway();
  final Set<String> apps = new LinkedHashSet<>();
  final Set<String> nodes = new LinkedHashSet<>();
  /** Capacity held on nodes besides replicas, as running build jobs hold it. */
  final Map<String, List<PlacementRequest>> held = new HashMap<>();
  final AppController appController =
      new AppController(store, clock, nodes::add, apps::add, () -> Map.copyOf(held));
  final NodeSyncController nodeSync =
      new NodeSyncController(
          store, gateway, new NodeAssignments(ContainerEnvironment.sized()), 0);
  final NodeLivenessController liveness = new NodeLivenessController(store, clock, apps::add, nodes::add);
  Duration lastRequeue;

  void join(String nodeId, long cpuMillis, long memoryMi) {
    liveness.joined(new NodeInfo(nodeId, "10.0.0." + nodeId.hashCode() % 200, cpuMillis, memoryMi * MI, Map.of(), "20.10"));
  }

  final AppWriter writer = new AppWriter(store, clock, apps::add);

  void apply(AppSpec spec) {
    writer.apply(spec);
  }

  void delete(String appKey) {
    writer.delete(appKey);
  }

  /** Runs queued app and node passes until none is left. */
  void settle() {
    for (int round = 0; round < 50 && !(apps.isEmpty() && nodes.isEmpty()); round++) {
      for (String app : new ArrayList<>(apps)) {
        apps.remove(app);
        lastRequeue = appController.reconcile(app);
      }
      for (String node : new ArrayList<>(nodes)) {
        nodes.remove(node);
        nodeSync.reconcile(node);
      }
    }
  }

  /** The node reports every replica it was last assigned in {@code state} (the agent's side, by hand). */
  void report(String nodeId, ReplicaState state, HealthState health, Integer exitCode) {
    NodeAssignment a = gateway.latest(nodeId);
    List<ReplicaObservation> obs = new ArrayList<>();
    if (a != null) {
      for (ReplicaAssignment r : a.replicas()) {
        obs.add(observation(r, state, health, exitCode));
      }
    }
    store.putObservations(nodeId, obs);
    store.snapshot().replicas().values().stream().map(r -> r.appKey()).distinct().forEach(apps::add);
  }

  /** The node reports one replica in {@code state}, keeping the others as they were. */
  void reportOne(String nodeId, String replicaId, ReplicaState state, HealthState health, Integer exitCode) {
    NodeAssignment a = gateway.latest(nodeId);
    List<ReplicaObservation> obs =
        new ArrayList<>(store.snapshot().observations().getOrDefault(nodeId, Map.of()).values());
    obs.removeIf(o -> o.replicaId().equals(replicaId));
    a.replicas().stream()
        .filter(r -> r.replicaId().equals(replicaId))
        .forEach(r -> obs.add(observation(r, state, health, exitCode)));
    store.putObservations(nodeId, obs);
    store.snapshot().replicas().values().stream().map(r -> r.appKey()).distinct().forEach(apps::add);
  }

  private ReplicaObservation observation(ReplicaAssignment r, ReplicaState state, HealthState health, Integer exit) {
    Instant now = clock.instant();
    return new ReplicaObservation(
        r.replicaId(), r.revision(), r.attempt(), "c-" + r.replicaId(), state, exit, false, health, Map.of(8080, 31000),
        now.minusMillis(10), state == ReplicaState.EXITED ? now : null, 0, 0, "", List.of("last line"));
  }
}
