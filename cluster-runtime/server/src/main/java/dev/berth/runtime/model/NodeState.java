package dev.berth.runtime.model;

/** A node's liveness as the master decides it. */
public enum NodeState {
  /** Heartbeating; replicas may be placed on it. */
  READY,
  /** Its connection closed; it becomes DOWN unless it rejoins within the grace period. */
  DISCONNECTED,
  /** Silent or gone: no new placements, and its replicas are replaced elsewhere. */
  DOWN
}
