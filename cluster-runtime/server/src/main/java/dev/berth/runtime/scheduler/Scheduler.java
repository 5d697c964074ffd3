package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.status.PlacementFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Places replicas on nodes: filters turn nodes away with named reasons, scorers rank the rest, and the best node
 * wins (ties go to the lower node id, so the same input always gives the same plan). Pure: no I/O, no clock.
 */
public final class Scheduler {

  /** Nodes listed by name in a placement failure; the rest are only counted. */
  static final int NODES_LISTED = 20;

  private final List<NodeFilter> filters;
  private final List<NodeScorer> scorers;
  private final List<Double> weights;

  /** The default chain. */
  public Scheduler() {
    // Cheapest and most decisive first: a down node needs no further reason.
    this.filters =
        List.of(
            new NodeReadyFilter(), // never place on a node that is down or disconnected
            new ConstraintFilter(), // the app's label rules
            new MemoryFilter(), // memory is the harder limit (OOM), so it is reported before CPU
            new CpuFilter());
    // Spreading dominates; bin-packing breaks ties between nodes holding as many of the app's replicas.
    this.scorers = List.of(new SpreadScorer(), new BinPackScorer());
    this.weights = List.of(10.0, 1.0);
  }

  /**
   * Places {@code requests} in order, counting each placement before the next.
   *
   * @param requests replicas to place
   * @param nodes the cluster's nodes with what is already requested on them
   * @param now the time to stamp on failures
   * @param previous earlier failures by replica id, so the attempt count carries on
   */
  public PlacementPlan place(
      List<PlacementRequest> requests, List<NodeView> nodes, Instant now, Map<String, PlacementFailure> previous) {
    Map<String, NodeView> working = new TreeMap<>();
    nodes.forEach(n -> working.put(n.id(), n));
    Map<String, String> placed = new LinkedHashMap<>();
    Map<String, PlacementFailure> pending = new LinkedHashMap<>();
    for (PlacementRequest request : requests) {
      NodeView best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      Map<String, Rejection> rejections = new TreeMap<>();
      for (NodeView node : working.values()) {
        Optional<Rejection> rejection = firstRejection(request, node);
        if (rejection.isPresent()) {
          rejections.put(node.id(), rejection.get());
          continue;
        }
        double score = score(request, node);
        if (score > bestScore) {
          best = node;
          bestScore = score;
        }
      }
      if (best != null) {
        placed.put(request.replicaId(), best.id());
        working.put(best.id(), best.with(request));
      } else {
        PlacementFailure before = previous.get(request.replicaId());
        int attempts = before == null ? 1 : before.attempts() + 1;
        pending.put(request.replicaId(), failure(rejections, attempts, now));
      }
    }
    return new PlacementPlan(placed, pending, new ArrayList<>(working.values()));
  }

  private Optional<Rejection> firstRejection(PlacementRequest request, NodeView node) {
    for (NodeFilter filter : filters) {
      Optional<Rejection> r = filter.check(request, node);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private double score(PlacementRequest request, NodeView node) {
    double total = 0;
    for (int i = 0; i < scorers.size(); i++) {
      total += weights.get(i) * scorers.get(i).score(request, node);
    }
    return total;
  }

  private static PlacementFailure failure(Map<String, Rejection> rejections, int attempts, Instant now) {
    if (rejections.isEmpty()) {
      return new PlacementFailure(
          attempts, now, Map.of(FilterReasons.NO_NODES, 0), List.of(),
          "no nodes have joined the cluster; start an agent with berth agent --join");
    }
    Map<String, Integer> counts = new TreeMap<>();
    rejections.values().forEach(r -> counts.merge(r.reason(), 1, Integer::sum));
    List<PlacementFailure.NodeRejection> listed = new ArrayList<>();
    rejections.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, Rejection> e) -> e.getValue().shortfall()))
        .limit(NODES_LISTED)
        .forEach(e -> listed.add(new PlacementFailure.NodeRejection(e.getKey(), e.getValue().reason(), e.getValue().detail())));
    Map<String, Integer> sortedCounts = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sortedCounts.put(e.getKey(), e.getValue()));
    StringBuilder summary = new StringBuilder("0/" + rejections.size() + " nodes fit:");
    sortedCounts.forEach((reason, n) -> summary.append(' ').append(n).append(' ').append(reason).append(','));
    summary.setLength(summary.length() - 1);
    PlacementFailure.NodeRejection closest = listed.get(0);
    summary.append("; closest: ").append(closest.node()).append(' ').append(closest.detail());
    return new PlacementFailure(attempts, now, sortedCounts, listed, summary.toString());
  }
}
