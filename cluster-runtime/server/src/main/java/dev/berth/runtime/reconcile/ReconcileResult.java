package dev.berth.runtime.reconcile;

import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.Replica;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one reconcile pass of an app decided: replicas to store or remove, the app's new rollout state, events for
 * people, the nodes whose assignments changed, and when to look again.
 *
 * @param putReplicas replicas to create or replace
 * @param deleteReplicas replica ids to remove
 * @param app the app with its updated rollout state, or {@code null} when unchanged
 * @param events events to record
 * @param touchedNodes nodes whose assignment must be re-sent
 * @param requeueAfter when to run again even without a change (backoff, deadline), or {@code null}
 */
public record ReconcileResult(
    List<Replica> putReplicas,
    List<String> deleteReplicas,
    AppRecord app,
    List<AppEvent> events,
    Set<String> touchedNodes,
    Duration requeueAfter) {

  public ReconcileResult {
    putReplicas = List.copyOf(putReplicas);
    deleteReplicas = List.copyOf(deleteReplicas);
    events = List.copyOf(events);
    touchedNodes = Set.copyOf(touchedNodes);
  }

  /** Whether the pass changes stored state. */
  public boolean changesState() {
    return !putReplicas.isEmpty() || !deleteReplicas.isEmpty() || app != null;
  }
}
