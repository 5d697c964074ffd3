package dev.berth.runtime.reconcile;

import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;

/**
 * A replica's condition, from its desired record and what its node reports of the current attempt.
 *
 * @param kind the condition
 * @param observation the node's report of the current attempt, or {@code null}
 */
public record ReplicaCondition(Kind kind, ReplicaObservation observation) {

  /** The conditions. */
  public enum Kind {
    /** No node yet. */
    PENDING,
    /** Placed on a node that is down: to be replaced. */
    LOST,
    /** Placed on a node whose connection closed; waiting for it to come back or be declared down. */
    NODE_UNREACHABLE,
    /** The node has not yet reported this attempt running. */
    STARTING,
    /** Running, but not (yet) passing its health check. */
    RUNNING,
    /** Running and healthy (or running without a check). */
    READY,
    /** Ended, failed to start, or failed its health check: to be restarted after the backoff. */
    FAILED
  }

  /** The replica's condition in {@code snapshot}. */
  public static ReplicaCondition of(Replica replica, ClusterSnapshot snapshot) {
    if (!replica.placed()) {
      return new ReplicaCondition(Kind.PENDING, null);
    }
    Node node = snapshot.nodes().get(replica.nodeId());
    if (node == null || node.state() == NodeState.DOWN) {
      return new ReplicaCondition(Kind.LOST, null);
    }
    ReplicaObservation seen = snapshot.observationOf(replica);
    // A report of an earlier attempt or revision says nothing about the current one.
    ReplicaObservation obs =
        seen != null && seen.attempt() == replica.attempt() && seen.revision() == replica.revision() ? seen : null;
    if (node.state() == NodeState.DISCONNECTED) {
      return new ReplicaCondition(Kind.NODE_UNREACHABLE, obs);
    }
    if (obs == null) {
      return new ReplicaCondition(Kind.STARTING, null);
    }
    return switch (obs.state()) {
      case STARTING -> new ReplicaCondition(Kind.STARTING, obs);
      case EXITED, START_FAILED, IMAGE_MISSING -> new ReplicaCondition(Kind.FAILED, obs);
      case RUNNING ->
          obs.health() == HealthState.UNHEALTHY
              ? new ReplicaCondition(Kind.FAILED, obs)
              : obs.health() == HealthState.HEALTHY || obs.health() == HealthState.NONE
                  ? new ReplicaCondition(Kind.READY, obs)
                  : new ReplicaCondition(Kind.RUNNING, obs);
    };
  }

  /** Whether the replica counts as available. */
  public boolean ready() {
    return kind == Kind.READY;
  }

  /** Whether the replica's container ended (not merely unhealthy). */
  public boolean ended() {
    return observation != null && observation.state() != ReplicaState.RUNNING;
  }
}
