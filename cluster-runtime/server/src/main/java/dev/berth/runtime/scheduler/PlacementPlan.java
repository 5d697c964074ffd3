package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.status.PlacementFailure;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's answer for a batch of replicas: where each placed one goes, why each other one is pending, and
 * the nodes as they are after the placements.
 *
 * @param placed replica id → node id
 * @param pending replica id → why no node fits
 * @param nodes the node views with the placed replicas counted
 */
public record PlacementPlan(
    Map<String, String> placed, Map<String, PlacementFailure> pending, List<NodeView> nodes) {

  public PlacementPlan {
    placed = Map.copyOf(placed);
    pending = Map.copyOf(pending);
    nodes = List.copyOf(nodes);
  }
}
