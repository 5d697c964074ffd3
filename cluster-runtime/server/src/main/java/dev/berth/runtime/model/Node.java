package dev.berth.runtime.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A node as the master sees it: what it said when it joined, and its liveness.
 *
 * @param info what the agent reported at join
 * @param state liveness
 * @param lastHeartbeat last heartbeat (or join) on the master's clock
 * @param changedAt when {@code state} last changed
 * @param downReason why it is down or disconnected ({@code SILENT}, {@code DISCONNECTED: CLOSED}), else empty
 */
public record Node(NodeInfo info, NodeState state, Instant lastHeartbeat, Instant changedAt, String downReason) {

  public Node {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(state, "state");
    downReason = downReason == null ? "" : downReason;
  }

  /** The node's id. */
  public String id() {
    return info.nodeId();
  }

  /** Whether new replicas may be placed on it. */
  public boolean ready() {
    return state == NodeState.READY;
  }
}
