package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.status.PlacementFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Places replicas on nodes: filters turn nodes away with named reasons, scorers rank the rest, and the best node
 * wins (ties go to the lower node id, so the same input always gives the same plan). On a large cluster only
 * {@link #nodesToScore} feasible nodes are scored per replica, from a start that depends on the replica's id.
 * Pure: no I/O, no clock.
 */
public final class Scheduler {

  /** Nodes listed by name in a placement failure; the rest are only counted. */
  static final int NODES_LISTED = 20;
  /** Clusters up to this size score every feasible node for every replica. */
  static final int MIN_NODES_TO_SCORE = 100;

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
    List<NodeView> working = new ArrayList<>(nodes);
    working.sort(Comparator.comparing(NodeView::id));
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < working.size(); i++) {
      position.put(working.get(i).id(), i);
    }
    int n = working.size();
    int enough = nodesToScore(n);
    Map<String, String> placed = new LinkedHashMap<>();
    Map<String, PlacementFailure> pending = new LinkedHashMap<>();
    for (PlacementRequest request : requests) {
      NodeView best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      Map<String, Rejection> rejections = new TreeMap<>();
      // Each replica starts its search at its own node (from its id, so the plan stays a function of the input).
      int start = n == 0 ? 0 : Math.floorMod(request.replicaId().hashCode(), n);
      int feasible = 0;
      for (int k = 0; k < n && feasible < enough; k++) {
        NodeView node = working.get((start + k) % n);
        Optional<Rejection> rejection = firstRejection(request, node);
        if (rejection.isPresent()) {
          rejections.put(node.id(), rejection.get());
          continue;
        }
        feasible++;
        double score = score(request, node);
        if (score > bestScore || (score == bestScore && node.id().compareTo(best.id()) < 0)) {
          best = node;
          bestScore = score;
        }
      }
      if (best != null) {
        placed.put(request.replicaId(), best.id());
        working.set(position.get(best.id()), best.with(request));
      } else {
        PlacementFailure before = previous.get(request.replicaId());
        int attempts = before == null ? 1 : before.attempts() + 1;
        pending.put(request.replicaId(), failure(rejections, attempts, now));
      }
    }
    return new PlacementPlan(placed, pending, working);
  }

  /**
   * How many feasible nodes a placement scores before it chooses: all of them up to {@value #MIN_NODES_TO_SCORE}
   * nodes; above that a share that falls from 50 % by one point per 125 nodes to at least 5 %, and never fewer than
   * {@value #MIN_NODES_TO_SCORE} (the rule kube-scheduler uses by default). Enough to spread and pack well, without
   * a pass over every node of a large cluster for every replica. A replica no node fits still looks at them all, so
   * its failure names a reason for each.
   */
  static int nodesToScore(int nodes) {
    if (nodes <= MIN_NODES_TO_SCORE) {
      return nodes;
    }
    int percent = Math.max(5, 50 - nodes / 125);
    return Math.max(MIN_NODES_TO_SCORE, (int) ((long) nodes * percent / 100));
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
