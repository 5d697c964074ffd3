package dev.berth.runtime.master.http;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.NodeStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.RolloutState;
import dev.berth.runtime.reconcile.CrashLoopBackoff;
import dev.berth.runtime.reconcile.ReplicaCondition;
import dev.berth.runtime.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the store's desired and observed state into the API's status records (the one translator). */
final class StatusViews {

  private final StateStore store;
  private final Function<String, Instant> heartbeats;

  StatusViews(StateStore store, Function<String, Instant> heartbeats) {
    this.store = store;
    this.heartbeats = heartbeats;
  }

  AppStatus app(ClusterSnapshot s, AppRecord app) {
    List<ReplicaStatus> replicas = new ArrayList<>();
    int running = 0;
    int ready = 0;
    int updated = 0;
    int old = 0;
    for (Replica r : s.replicasOf(app.key())) {
      ReplicaCondition c = ReplicaCondition.of(r, s);
      ReplicaStatus status = replica(s, app, r, c);
      replicas.add(status);
      if (status.phase() == ReplicaStatus.Phase.RUNNING) {
        running++;
      }
      if (r.revision() == app.revision()) {
        updated++;
        if (c.ready()) {
          ready++;
        }
      } else {
        old++;
      }
    }
    RolloutState st = app.rollout();
    AppSpec spec = app.spec();
    Instant deadline =
        RolloutState.PROGRESSING.equals(st.phase())
            ? st.lastProgressAt().plus(spec.update().progressDeadlineDuration())
            : null;
    String message =
        switch (st.phase()) {
          case RolloutState.COMPLETE -> "all " + spec.replicas() + " replicas of revision " + app.revision() + " ready";
          case RolloutState.FAILED -> st.message();
          default -> ready + "/" + spec.replicas() + " replicas of revision " + app.revision() + " ready"
              + (old > 0 ? ", " + old + " old left" : "");
        };
    RolloutStatus rollout =
        new RolloutStatus(
            app.revision(), st.phase(), spec.replicas(), updated, ready, old, st.lastProgressAt(), deadline, message);
    return new AppStatus(spec, app.revision(), spec.replicas(), running, ready, replicas, rollout, store.events(app.key()));
  }

  private static ReplicaStatus replica(ClusterSnapshot s, AppRecord app, Replica r, ReplicaCondition c) {
    // The last report for this replica from its node, even of an earlier attempt: it holds the last exit.
    ReplicaObservation last = r.nodeId() == null ? null : s.observations().getOrDefault(r.nodeId(), Map.of()).get(r.id());
    ReplicaObservation current = c.observation();
    Node node = r.nodeId() == null ? null : s.nodes().get(r.nodeId());
    ReplicaStatus.Phase phase =
        switch (c.kind()) {
          case PENDING -> ReplicaStatus.Phase.PENDING;
          case LOST, NODE_UNREACHABLE -> ReplicaStatus.Phase.LOST;
          case STARTING -> ReplicaStatus.Phase.STARTING;
          case RUNNING, READY -> ReplicaStatus.Phase.RUNNING;
          case FAILED ->
              current != null && current.state() == dev.berth.runtime.model.ReplicaState.EXITED
                  ? ReplicaStatus.Phase.CRASH_LOOP
                  : ReplicaStatus.Phase.FAILED;
        };
    Instant nextRestart = null;
    if (c.kind() == ReplicaCondition.Kind.FAILED) {
      Instant base = current.finishedAt() != null ? current.finishedAt() : r.attemptAt();
      nextRestart = base.plus(CrashLoopBackoff.delay(r.crashCount() + 1));
    }
    ReplicaObservation shown = current != null ? current : last;
    // Health describes a running container; an ended one has none.
    String health =
        current == null || current.state() != dev.berth.runtime.model.ReplicaState.RUNNING
            ? "-"
            : current.health().name().toLowerCase(java.util.Locale.ROOT);
    String message = "";
    if (r.pending() != null) {
      message = r.pending().summary();
    } else if (c.kind() == ReplicaCondition.Kind.NODE_UNREACHABLE || c.kind() == ReplicaCondition.Kind.LOST) {
      message = "node " + r.nodeId() + " is " + (node == null ? "unknown" : node.state().name().toLowerCase() + ": " + node.downReason());
    } else if (shown != null) {
      message = shown.message();
    }
    Integer exit = shown != null && shown.exitCode() != null ? shown.exitCode() : null;
    return new ReplicaStatus(
        r.id(),
        r.nodeId(),
        r.revision(),
        phase,
        health,
        r.attempt(),
        exit,
        shown != null && shown.oomKilled(),
        current == null ? Map.of() : current.hostPorts(),
        node == null ? null : node.info().address(),
        current == null ? null : current.startedAt(),
        shown == null ? null : shown.finishedAt(),
        nextRestart,
        message,
        shown == null ? List.of() : shown.lastLogLines(),
        r.pending(),
        shown == null ? "" : shown.jvmSizing());
  }

  List<NodeStatus> nodes(ClusterSnapshot s) {
    Map<String, long[]> used = new HashMap<>();
    for (Replica r : s.replicas().values()) {
      AppRecord app = s.apps().get(r.appKey());
      if (r.placed() && app != null) {
        AppSpec spec = app.specFor(r.revision());
        long[] u = used.computeIfAbsent(r.nodeId(), k -> new long[3]);
        u[0] += spec.resources().cpuMillis();
        u[1] += spec.resources().memoryBytes();
        u[2]++;
      }
    }
    List<NodeStatus> out = new ArrayList<>();
    s.nodes().values().stream()
        .sorted(java.util.Comparator.comparing(Node::id))
        .forEach(
            n -> {
              long[] u = used.getOrDefault(n.id(), new long[3]);
              Instant hb = heartbeats.apply(n.id());
              out.add(
                  new NodeStatus(
                      n.id(), n.info().address(), n.state().name(), n.info().cpuMillis(), n.info().memoryBytes(), u[0],
                      u[1], (int) u[2], n.info().labels(), n.info().engineVersion(),
                      hb == null ? n.lastHeartbeat() : hb, n.downReason()));
            });
    return out;
  }
}
