package dev.berth.runtime.model;

/** A replica's health as the agent's probe sees it. */
public enum HealthState {
  /** The replica has no health check; running counts as healthy. */
  NONE,
  /** Within the initial delay, or no probe has passed yet. */
  STARTING,
  /** The last probe passed. */
  HEALTHY,
  /** {@code failureThreshold} probes failed in a row. */
  UNHEALTHY
}
