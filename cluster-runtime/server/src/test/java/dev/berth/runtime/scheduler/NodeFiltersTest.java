package dev.berth.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.PlacementConstraint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeFiltersTest {

  private static final long MI = 1L << 20;

  private static NodeView node(boolean ready, long cpuFree, long memFreeMi, Map<String, String> labels) {
    return new NodeView("n1", ready, labels, 2000, 1024 * MI, 2000 - cpuFree, (1024 - memFreeMi) * MI, Map.of());
  }

  @ParameterizedTest(name = "cpu request {0}m, free {1}m -> {2}")
  @CsvSource({"500,500,", "501,500,INSUFFICIENT_CPU", "100,0,INSUFFICIENT_CPU", "0,0,"})
  void cpuFilter(long request, long free, String reason) {
    Optional<Rejection> r =
        new CpuFilter().check(new PlacementRequest("r", "a", request, MI, List.of()), node(true, free, 512, Map.of()));
    assertThat(r.map(Rejection::reason).orElse(null)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "memory request {0}Mi, free {1}Mi -> {2}")
  @CsvSource({"256,256,", "257,256,INSUFFICIENT_MEMORY", "2048,1024,INSUFFICIENT_MEMORY"})
  void memoryFilter(long requestMi, long freeMi, String reason) {
    Optional<Rejection> r =
        new MemoryFilter()
            .check(new PlacementRequest("r", "a", 1, requestMi * MI, List.of()), node(true, 2000, freeMi, Map.of()));
    assertThat(r.map(Rejection::reason).orElse(null)).isEqualTo(reason);
    r.ifPresent(x -> assertThat(x.detail()).contains(ByteSize.format(freeMi * MI) + " free"));
  }

  @ParameterizedTest(name = "{0} {1} {2} on zone={3} -> {4}")
  @CsvSource({
    "zone,In,a,a,",
    "zone,In,a,b,CONSTRAINT_MISMATCH",
    "zone,NotIn,a,b,",
    "zone,NotIn,a,a,CONSTRAINT_MISMATCH",
    "zone,Exists,,a,",
    "disk,Exists,,a,CONSTRAINT_MISMATCH",
    "disk,DoesNotExist,,a,",
  })
  void constraintFilter(String label, String op, String value, String zone, String reason) {
    PlacementConstraint c = new PlacementConstraint(label, op, value == null ? List.of() : List.of(value));
    Optional<Rejection> r =
        new ConstraintFilter()
            .check(new PlacementRequest("r", "a", 1, 1, List.of(c)), node(true, 2000, 1024, Map.of("zone", zone)));
    assertThat(r.map(Rejection::reason).orElse(null)).isEqualTo(reason);
  }

  @ParameterizedTest(name = "ready={0} -> {1}")
  @CsvSource({"true,", "false,NODE_NOT_READY"})
  void nodeReadyFilter(boolean ready, String reason) {
    Optional<Rejection> r =
        new NodeReadyFilter().check(new PlacementRequest("r", "a", 1, 1, List.of()), node(ready, 2000, 1024, Map.of()));
    assertThat(r.map(Rejection::reason).orElse(null)).isEqualTo(reason);
  }
}
