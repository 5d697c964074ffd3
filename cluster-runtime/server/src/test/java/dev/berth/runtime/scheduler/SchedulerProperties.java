package dev.berth.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.spec.PlacementConstraint;
import dev.berth.runtime.api.status.PlacementFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the scheduler on generated clusters. */
class SchedulerProperties {

  private static final long MI = 1L << 20;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Provide
  Arbitrary<List<NodeView>> clusters() {
    Arbitrary<NodeView> node =
        Combinators.combine(
                Arbitraries.integers().between(0, 9999),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of("a", "b", "c"),
                Arbitraries.longs().between(500, 8000),
                Arbitraries.longs().between(256, 16384),
                Arbitraries.doubles().between(0, 1))
            .as(
                (id, ready, zone, cpu, memMi, used) ->
                    new NodeView(
                        "node-" + id, ready, Map.of("zone", zone), cpu, memMi * MI, (long) (cpu * used),
                        (long) (memMi * MI * used), Map.of()));
    return node.list().ofMinSize(0).ofMaxSize(30).uniqueElements(NodeView::id);
  }

  @Provide
  Arbitrary<List<PlacementRequest>> requests() {
    Arbitrary<PlacementRequest> request =
        Combinators.combine(
                Arbitraries.of("default/a", "default/b", "team/c"),
                Arbitraries.longs().between(10, 3000),
                Arbitraries.longs().between(16, 4096),
                Arbitraries.of("", "a", "b"))
            .as(
                (app, cpu, memMi, zone) ->
                    new PlacementRequest(
                        "x", app, cpu, memMi * MI,
                        zone.isEmpty() ? List.of() : List.of(new PlacementConstraint("zone", "In", List.of(zone)))));
    return request.list().ofMaxSize(60).map(SchedulerProperties::numbered);
  }

  private static List<PlacementRequest> numbered(List<PlacementRequest> in) {
    List<PlacementRequest> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      PlacementRequest r = in.get(i);
      out.add(new PlacementRequest("r" + i, r.appKey(), r.cpuMillis(), r.memoryBytes(), r.constraints()));
    }
    return out;
  }

  @Property
  void placementsNeverExceedCapacityNorBreakRules(
      @ForAll("clusters") List<NodeView> nodes, @ForAll("requests") List<PlacementRequest> requests) {
    PlacementPlan plan = new Scheduler().place(requests, nodes, NOW, Map.of());

    Map<String, NodeView> before = new HashMap<>();
    nodes.forEach(n -> before.put(n.id(), n));
    Map<String, long[]> added = new HashMap<>();
    for (PlacementRequest r : requests) {
      String nodeId = plan.placed().get(r.replicaId());
      if (nodeId == null) {
        continue;
      }
      NodeView n = before.get(nodeId);
      assertThat(n.ready()).isTrue();
      r.constraints().forEach(c -> assertThat(c.matches(n.labels())).isTrue());
      long[] a = added.computeIfAbsent(nodeId, k -> new long[2]);
      a[0] += r.cpuMillis();
      a[1] += r.memoryBytes();
    }
    added.forEach(
        (id, a) -> {
          NodeView n = before.get(id);
          assertThat(n.cpuUsedMillis() + a[0]).isLessThanOrEqualTo(Math.max(n.cpuMillis(), n.cpuUsedMillis()));
          assertThat(n.memoryUsedBytes() + a[1]).isLessThanOrEqualTo(Math.max(n.memoryBytes(), n.memoryUsedBytes()));
        });
  }

  @Property
  void everyRequestIsPlacedOrExplainedWithAReasonPerNode(
      @ForAll("clusters") List<NodeView> nodes, @ForAll("requests") List<PlacementRequest> requests) {
    PlacementPlan plan = new Scheduler().place(requests, nodes, NOW, Map.of());

    for (PlacementRequest r : requests) {
      boolean placed = plan.placed().containsKey(r.replicaId());
      PlacementFailure failure = plan.pending().get(r.replicaId());
      assertThat(placed).isNotEqualTo(failure != null);
      if (failure != null) {
        int counted = failure.reasonCounts().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(counted).isEqualTo(nodes.size());
        assertThat(failure.nodes()).hasSize(Math.min(nodes.size(), Scheduler.NODES_LISTED));
        assertThat(failure.summary()).isNotBlank();
      }
    }
  }

  @Property
  void replicasOfOneAppSpreadEvenlyOverRoomyNodes(
      @ForAll @IntRange(min = 1, max = 12) int nodeCount, @ForAll @IntRange(min = 1, max = 40) int replicas) {
    List<NodeView> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(new NodeView("n" + i, true, Map.of(), 1_000_000, 1L << 50, i * 1000L, 0, Map.of()));
    }
    List<PlacementRequest> requests = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      requests.add(new PlacementRequest("r" + i, "default/web", 100, 64 * MI, List.of()));
    }

    PlacementPlan plan = new Scheduler().place(requests, nodes, NOW, Map.of());

    Map<String, Integer> perNode = new HashMap<>();
    plan.placed().values().forEach(n -> perNode.merge(n, 1, Integer::sum));
    int max = perNode.values().stream().max(Integer::compare).orElse(0);
    int min = perNode.size() < nodeCount ? 0 : perNode.values().stream().min(Integer::compare).orElse(0);
    assertThat(plan.placed()).hasSize(replicas);
    assertThat(max - min).isLessThanOrEqualTo(1);
  }

  @Property
  void samePlanForSameInput(
      @ForAll("clusters") List<NodeView> nodes, @ForAll("requests") List<PlacementRequest> requests) {
    assertThat(new Scheduler().place(requests, nodes, NOW, Map.of()))
        .isEqualTo(new Scheduler().place(requests, nodes, NOW, Map.of()));
  }
}
