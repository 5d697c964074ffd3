package dev.berth.runtime.api.status;

import dev.berth.runtime.api.spec.AppSpec;
import java.util.List;

/**
 * An app's desired spec together with what runs: replicas, rollout, and recent events.
 *
 * @param spec the spec as last applied
 * @param revision the spec's revision (raised by every change to the containers)
 * @param desired desired replicas
 * @param running replicas whose container runs
 * @param ready replicas of the current revision that are running and healthy
 * @param replicas every replica, current and old revision, sorted by id
 * @param rollout the current revision's rollout
 * @param events recent events, oldest first
 */
public record AppStatus(
    AppSpec spec,
    long revision,
    int desired,
    int running,
    int ready,
    List<ReplicaStatus> replicas,
    RolloutStatus rollout,
    List<AppEvent> events) {

  public AppStatus {
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
    events = events == null ? List.of() : List.copyOf(events);
  }
}
