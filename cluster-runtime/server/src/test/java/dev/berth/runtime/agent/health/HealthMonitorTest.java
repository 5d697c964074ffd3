package dev.berth.runtime.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.FakeContainerRuntime;
import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

  private final FakeContainerRuntime runtime = new FakeContainerRuntime();
  private final HealthMonitor monitor = new HealthMonitor(runtime);
  private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

  private String container() throws Exception {
    return runtime.start(new ContainerRequest("c" + System.nanoTime(), "img", List.of(), List.of(), List.of(),
        Map.of(), 0, 0, List.of(), Map.of()));
  }

  private static HealthProbe command(List<String> argv, int threshold) {
    return new HealthProbe(HealthProbe.Kind.COMMAND, 0, "", argv, Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofSeconds(1), threshold);
  }

  @Test
  void noProbeBeforeInitialDelay_thenOnePassMakesHealthy() throws Exception {
    String id = container();
    monitor.watch(id, command(List.of("true"), 3), t0, null, Map.of());

    assertThat(monitor.probeDue(t0.plusSeconds(4))).isFalse();
    assertThat(monitor.state(id)).isEqualTo(HealthState.STARTING);

    assertThat(monitor.probeDue(t0.plusSeconds(5))).isTrue();
    assertThat(monitor.state(id)).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void unhealthyOnlyAfterThresholdFailuresInARow_atTheProbePeriod() throws Exception {
    String id = container();
    monitor.watch(id, command(List.of("false"), 3), t0, null, Map.of());

    monitor.probeDue(t0.plusSeconds(5));
    monitor.probeDue(t0.plusMillis(5500));
    assertThat(monitor.state(id)).as("the second call is within the period: no probe").isEqualTo(HealthState.STARTING);
    monitor.probeDue(t0.plusSeconds(6));
    assertThat(monitor.state(id)).isEqualTo(HealthState.STARTING);

    assertThat(monitor.probeDue(t0.plusSeconds(7))).isTrue();
    assertThat(monitor.state(id)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(monitor.lastFailure(id)).contains("exited with 1");
  }

  @Test
  void tcpProbe_withNothingPublished_failsSayingSo() throws Exception {
    String id = container();
    monitor.watch(id, new HealthProbe(HealthProbe.Kind.TCP, 8080, "", List.of(), Duration.ZERO, Duration.ofSeconds(1),
        Duration.ofMillis(200), 1), t0, null, Map.of());

    monitor.probeDue(t0);

    assertThat(monitor.state(id)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(monitor.lastFailure(id)).contains("port 8080 is not reachable");
  }
}
