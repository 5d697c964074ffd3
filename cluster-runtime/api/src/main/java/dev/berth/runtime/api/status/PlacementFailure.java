package dev.berth.runtime.api.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a replica is pending: how many nodes each rule turned away, each node's own reason, and how close the
 * nearest node came. One record per pending replica, updated on every attempt (never one per attempt).
 *
 * @param attempts placement attempts so far
 * @param lastAttempt when the last attempt ran
 * @param reasonCounts reason constant → number of nodes it rejected, e.g. {@code INSUFFICIENT_MEMORY=3}
 * @param nodes each node that did not fit, with its reason and detail
 * @param summary one sentence for people, e.g. "0/3 nodes fit: 3 insufficient memory (needs 2Gi, best has 1.5Gi
 *     free)"
 */
public record PlacementFailure(
    int attempts, Instant lastAttempt, Map<String, Integer> reasonCounts, List<NodeRejection> nodes,
    String summary) {

  public PlacementFailure {
    reasonCounts = reasonCounts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasonCounts));
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    summary = summary == null ? "" : summary;
  }

  /**
   * One node's reason for not taking a replica.
   *
   * @param node the node's id
   * @param reason a reason constant, e.g. {@code INSUFFICIENT_CPU}, {@code CONSTRAINT_MISMATCH}, {@code NODE_DOWN}
   * @param detail the shortfall in words, e.g. "needs 500m CPU, has 200m free"
   */
  public record NodeRejection(String node, String reason, String detail) {}
}
