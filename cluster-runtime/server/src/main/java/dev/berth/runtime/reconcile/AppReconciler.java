package dev.berth.runtime.reconcile;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.api.status.PlacementFailure;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.rollout.ReplicaHealth;
import dev.berth.runtime.rollout.RolloutDecision;
import dev.berth.runtime.rollout.RolloutPlanner;
import dev.berth.runtime.scheduler.ClusterView;
import dev.berth.runtime.scheduler.NodeView;
import dev.berth.runtime.scheduler.PlacementPlan;
import dev.berth.runtime.scheduler.PlacementRequest;
import dev.berth.runtime.scheduler.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One level-based pass over an app: replaces replicas of lost nodes, restarts crashed ones after their backoff,
 * lets the rollout planner add and remove replicas, and places every pending one. Pure: the same desired state,
 * replicas, snapshot and time always give the same result.
 */
public final class AppReconciler {

  private final Scheduler scheduler = new Scheduler();
  private final RolloutPlanner planner = new RolloutPlanner();

  /**
   * Computes the pass.
   *
   * @param desired the app, or {@code null} when it was deleted (then every replica is removed)
   * @param existing the app's replicas
   * @param snapshot the cluster
   * @param now the time
   */
  public ReconcileResult compute(
      AppRecord desired, List<Replica> existing, ClusterSnapshot snapshot, Instant now) {
    return compute(desired, existing, snapshot, now, Map.of());
  }

  /**
   * Computes the pass on a cluster where more than replicas hold capacity.
   *
   * @param heldByNode CPU and memory held on nodes by others than replicas (running build jobs), by node ID
   */
  public ReconcileResult compute(
      AppRecord desired, List<Replica> existing, ClusterSnapshot snapshot, Instant now,
      Map<String, List<PlacementRequest>> heldByNode) {
    Set<String> touched = new HashSet<>();
    List<AppEvent> events = new ArrayList<>();
    if (desired == null) {
      List<String> delete = new ArrayList<>();
      for (Replica r : existing) {
        delete.add(r.id());
        if (r.placed()) {
          touched.add(r.nodeId());
        }
      }
      return new ReconcileResult(List.of(), delete, null, events, touched, null);
    }
    AppSpec spec = desired.spec();
    Map<String, Replica> working = new LinkedHashMap<>();
    existing.forEach(r -> working.put(r.id(), r));
    Map<String, Replica> changed = new LinkedHashMap<>();
    Duration requeue = null;

    // 1. Lost nodes and crashes: decide per replica from its condition.
    Map<String, ReplicaCondition> conditions = new HashMap<>();
    for (Replica r : existing) {
      ReplicaCondition c = ReplicaCondition.of(r, snapshot);
      conditions.put(r.id(), c);
      if (c.kind() == ReplicaCondition.Kind.LOST) {
        Replica moved = r.lost(now);
        working.put(r.id(), moved);
        changed.put(r.id(), moved);
        touched.add(r.nodeId());
        events.add(warning(now, "NodeLost", "replica " + r.id() + " was on node " + r.nodeId() + ", which is down; placing it elsewhere"));
      } else if (c.kind() == ReplicaCondition.Kind.FAILED) {
        Restart restart = restart(r, c.observation(), now);
        if (restart.due()) {
          Replica again = r.restarted(restart.crashes(), now);
          working.put(r.id(), again);
          changed.put(r.id(), again);
          touched.add(r.nodeId());
          events.add(warning(now, "Restarted", "replica " + r.id() + " " + describeEnd(c.observation())
              + "; restart " + again.attempt() + " after " + restart.delay().toMillis() / 1000.0 + "s backoff"));
        } else {
          requeue = earliest(requeue, Duration.between(now, restart.at()));
        }
      }
    }

    // 2. Rollout and scaling: which replicas to add and remove.
    List<ReplicaHealth> health = new ArrayList<>();
    for (Replica r : working.values()) {
      ReplicaCondition c = changed.containsKey(r.id()) ? null : conditions.get(r.id());
      health.add(new ReplicaHealth(r.id(), r.revision(), r.placed(), c != null && c.ready()));
    }
    RolloutDecision decision =
        planner.plan(spec.replicas(), desired.revision(), spec.update(), health, desired.rollout(), now);
    List<String> delete = new ArrayList<>();
    for (String id : decision.remove()) {
      Replica r = working.remove(id);
      changed.remove(id);
      if (r != null) {
        delete.add(id);
        if (r.placed()) {
          touched.add(r.nodeId());
        }
      }
    }
    // Taken: every id in the cluster, and those created in this pass (they are in working).
    java.util.function.Predicate<String> taken = id -> snapshot.replicas().containsKey(id) || working.containsKey(id);
    for (int i = 0; i < decision.create(); i++) {
      String id = newId(spec, desired.revision(), now, i, taken);
      Replica created = Replica.create(id, desired.key(), desired.revision(), now);
      working.put(id, created);
      changed.put(id, created);
    }
    if (decision.recheckAfter() != null) {
      requeue = earliest(requeue, decision.recheckAfter());
    }

    // 3. Placement: every replica without a node, current revision first, against the cluster minus this pass's
    // removals and with this pass's moves.
    List<PlacementRequest> requests = new ArrayList<>();
    Map<String, PlacementFailure> previous = new HashMap<>();
    working.values().stream()
        .filter(r -> !r.placed())
        .sorted((a, b) -> Long.compare(b.revision(), a.revision()) != 0 ? Long.compare(b.revision(), a.revision()) : a.id().compareTo(b.id()))
        .forEach(r -> {
          AppSpec rs = desired.specFor(r.revision());
          requests.add(
              new PlacementRequest(
                  r.id(), r.appKey(), rs.resources().cpuMillis(), rs.resources().memoryBytes(), rs.placement()));
          if (r.pending() != null) {
            previous.put(r.id(), r.pending());
          }
        });
    if (!requests.isEmpty()) {
      // The cluster with this app's replicas as this pass leaves them.
      Set<String> replaced = new HashSet<>();
      existing.forEach(r -> replaced.add(r.id()));
      List<NodeView> nodes = ClusterView.withHeld(ClusterView.nodes(snapshot, replaced, working.values()), heldByNode);
      PlacementPlan plan = scheduler.place(requests, nodes, now, previous);
      plan.placed().forEach((id, node) -> {
        Replica placed = working.get(id).placedOn(node, now);
        working.put(id, placed);
        changed.put(id, placed);
        touched.add(node);
        events.add(normal(now, "Scheduled", "replica " + id + " placed on node " + node));
      });
      plan.pending().forEach((id, why) -> {
        Replica r = working.get(id);
        // One pending record per replica: only store when the reason changed, not every attempt.
        if (r.pending() == null || !r.pending().reasonCounts().equals(why.reasonCounts()) || changed.containsKey(id)) {
          Replica waiting = r.unplaced(why);
          working.put(id, waiting);
          changed.put(id, waiting);
          if (r.pending() == null) {
            events.add(warning(now, "Pending", "replica " + id + " cannot be placed: " + why.summary()));
          }
        }
      });
    }

    AppRecord app = null;
    Set<Long> revisionsInUse = new HashSet<>();
    working.values().forEach(r -> revisionsInUse.add(r.revision()));
    if (!revisionsInUse.containsAll(desired.previous().keySet())) {
      // Older revisions without replicas are done; forget their specs.
      app = desired.keepingPrevious(revisionsInUse);
    }
    if (!Objects.equals(decision.state(), desired.rollout())) {
      app = (app == null ? desired : app).withRollout(decision.state());
      if (!decision.state().phase().equals(desired.rollout().phase())) {
        boolean failed = decision.state().phase().equals(dev.berth.runtime.model.RolloutState.FAILED);
        events.add(new AppEvent(now, failed ? AppEvent.WARNING : AppEvent.NORMAL,
            failed ? "RolloutFailed" : "Rollout" + capitalized(decision.state().phase()),
            "revision " + desired.revision() + ": " + decision.message()));
      }
    }
    return new ReconcileResult(new ArrayList<>(changed.values()), delete, app, events, touched, requeue);
  }

  /** When a failed replica restarts, and with how many crashes in a row. */
  private record Restart(int crashes, Duration delay, Instant at, boolean due) {}

  private static Restart restart(Replica r, ReplicaObservation obs, Instant now) {
    // A long clean run resets the count, as Kubernetes does after 10 minutes.
    boolean ranLong =
        obs.startedAt() != null && obs.finishedAt() != null
            && Duration.between(obs.startedAt(), obs.finishedAt()).compareTo(CrashLoopBackoff.RESET_AFTER) >= 0;
    int crashes = (ranLong ? 0 : r.crashCount()) + 1;
    Duration delay = CrashLoopBackoff.delay(crashes);
    Instant base = obs.finishedAt() != null && obs.finishedAt().isAfter(r.attemptAt()) ? obs.finishedAt() : r.attemptAt();
    // The node's clock may run ahead of ours; never wait longer than the delay from now.
    if (base.isAfter(now)) {
      base = now;
    }
    Instant at = base.plus(delay);
    return new Restart(crashes, delay, at, !now.isBefore(at));
  }

  private static String describeEnd(ReplicaObservation obs) {
    return switch (obs.state()) {
      case EXITED -> "exited with code " + obs.exitCode() + (obs.oomKilled() ? " (OOMKilled)" : "");
      case START_FAILED -> "failed to start: " + obs.message();
      case IMAGE_MISSING -> "cannot start: image missing: " + obs.message();
      default -> "failed its health check" + (obs.message().isEmpty() ? "" : ": " + obs.message());
    };
  }

  private static String newId(
      AppSpec spec, long revision, Instant now, int index, java.util.function.Predicate<String> taken) {
    // Deterministic (the time is an input) yet unlikely to reuse an id whose old container may still be stopping.
    long seed = now.toEpochMilli() % 60_466_176L; // 36^5
    for (int n = index; ; n++) {
      String id = spec.namespace() + "." + spec.name() + "-" + revision + "-"
          + Long.toString(seed + n * 7919L, 36);
      if (!taken.test(id)) {
        return id;
      }
    }
  }

  private static Duration earliest(Duration a, Duration b) {
    Duration floor = b.isNegative() ? Duration.ZERO : b;
    return a == null || floor.compareTo(a) < 0 ? floor : a;
  }

  private static String capitalized(String phase) {
    return phase.charAt(0) + phase.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  private static AppEvent normal(Instant now, String reason, String message) {
    return new AppEvent(now, AppEvent.NORMAL, reason, message);
  }

  private static AppEvent warning(Instant now, String reason, String message) {
    return new AppEvent(now, AppEvent.WARNING, reason, message);
  }
}
