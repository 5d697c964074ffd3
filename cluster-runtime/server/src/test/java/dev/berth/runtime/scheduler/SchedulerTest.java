package dev.berth.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.status.PlacementFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final long GI = 1L << 30;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void place_nothingFits_namesEveryReasonAndTheClosestNode() {
    List<NodeView> nodes =
        List.of(
            new NodeView("big", true, Map.of(), 4000, 2 * GI, 0, GI / 2, Map.of()),
            new NodeView("small", true, Map.of(), 4000, GI, 0, 0, Map.of()),
            new NodeView("dead", false, Map.of(), 4000, 8 * GI, 0, 0, Map.of()));
    PlacementRequest request = new PlacementRequest("r0", "default/web", 500, 2 * GI, List.of());

    PlacementPlan plan = new Scheduler().place(List.of(request), nodes, NOW, Map.of());

    PlacementFailure failure = plan.pending().get("r0");
    assertThat(failure.reasonCounts())
        .containsEntry(FilterReasons.INSUFFICIENT_MEMORY, 2)
        .containsEntry(FilterReasons.NODE_NOT_READY, 1);
    assertThat(failure.nodes().get(0).node()).isEqualTo("big");
    assertThat(failure.summary()).contains("0/3 nodes fit").contains("closest: big needs 2Gi memory, has 1.5Gi free");
    assertThat(failure.attempts()).isEqualTo(1);
  }

  @Test
  void place_againAfterFailure_countsAttempts() {
    PlacementRequest request = new PlacementRequest("r0", "default/web", 500, GI, List.of());
    PlacementFailure first = new Scheduler().place(List.of(request), List.of(), NOW, Map.of()).pending().get("r0");

    PlacementFailure second =
        new Scheduler().place(List.of(request), List.of(), NOW, Map.of("r0", first)).pending().get("r0");

    assertThat(first.reasonCounts()).containsKey(FilterReasons.NO_NODES);
    assertThat(second.attempts()).isEqualTo(2);
  }

  @Test
  void place_countsEarlierPlacementsOfTheBatch() {
    List<NodeView> nodes = List.of(new NodeView("n", true, Map.of(), 1000, GI, 0, 0, Map.of()));
    List<PlacementRequest> requests =
        List.of(
            new PlacementRequest("r0", "default/web", 600, GI / 4, List.of()),
            new PlacementRequest("r1", "default/web", 600, GI / 4, List.of()));

    PlacementPlan plan = new Scheduler().place(requests, nodes, NOW, Map.of());

    assertThat(plan.placed()).containsOnlyKeys("r0");
    assertThat(plan.pending().get("r1").reasonCounts()).containsOnlyKeys(FilterReasons.INSUFFICIENT_CPU);
  }
  // ---------------------------------------------------------------- large clusters: a share of the nodes is scored

  private static List<NodeView> roomyNodes(int count) {
    List<NodeView> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(new NodeView(String.format("n%05d", i), true, Map.of(), 4000, 16 * GI, 0, 0, Map.of()));
    }
    return nodes;
  }

  @Test
  void nodesToScore_isEveryNodeUpToAHundred_thenAShareFallingToFivePercent() {
    assertThat(Scheduler.nodesToScore(0)).isZero();
    assertThat(Scheduler.nodesToScore(100)).isEqualTo(100);
    assertThat(Scheduler.nodesToScore(150)).isEqualTo(100);
    assertThat(Scheduler.nodesToScore(1_000)).isEqualTo(420);
    assertThat(Scheduler.nodesToScore(5_000)).isEqualTo(500);
    assertThat(Scheduler.nodesToScore(100_000)).isEqualTo(5_000);
  }

  @Test
  void largeCluster_findsTheOnlyNodeThatFits_evenOutsideTheShareScored() {
    List<NodeView> nodes = new java.util.ArrayList<>(roomyNodes(2_000).stream()
        .map(n -> new NodeView(n.id(), true, Map.of(), 4000, GI / 4, 0, 0, Map.of())).toList());
    nodes.set(1_234, new NodeView("n01234", true, Map.of(), 4000, 16 * GI, 0, 0, Map.of()));

    PlacementPlan plan = new Scheduler().place(
        List.of(new PlacementRequest("r0", "default/web", 100, GI, List.of())), nodes, NOW, Map.of());

    assertThat(plan.placed()).containsEntry("r0", "n01234");
  }

  @Test
  void largeCluster_spreadsAnAppsReplicas_samePlanForSameInput_andNamesEveryNodeWhenNoneFits() {
    List<NodeView> nodes = roomyNodes(5_000);
    List<PlacementRequest> replicas = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      replicas.add(new PlacementRequest("web-" + i, "default/web", 50, 64L << 20, List.of()));
    }

    PlacementPlan plan = new Scheduler().place(replicas, nodes, NOW, Map.of());

    assertThat(plan.placed()).hasSize(300);
    assertThat(new java.util.HashSet<>(plan.placed().values())).hasSize(300);
    assertThat(new Scheduler().place(replicas, nodes, NOW, Map.of()).placed()).isEqualTo(plan.placed());
    PlacementFailure failure = new Scheduler().place(
        List.of(new PlacementRequest("huge", "default/big", 100, 64 * GI, List.of())), nodes, NOW, Map.of())
        .pending().get("huge");
    assertThat(failure.summary()).startsWith("0/5000 nodes fit: 5000 ");
  }
}
