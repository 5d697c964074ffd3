package dev.berth.runtime.master.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.spec.Resources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping on a small real master; no figure is judged. */
class ScheduleBenchTest {

  private static ScheduleBench.Config config(int nodes, int tasks, int apps, double churn) {
    return new ScheduleBench.Config(
        nodes, tasks, apps, churn, 1, 4000, 16L << 30, new Resources("64Mi", "50m"), Duration.ofSeconds(60));
  }

  @Test
  void run_smallCluster_everyReplicaPersistedAndAcknowledged() throws Exception {
    StringWriter progress = new StringWriter();

    ScheduleBench.Result r = new ScheduleBench(config(10, 120, 3, 20), new PrintWriter(progress)).run();

    assertThat(r.throughput().tasks()).isEqualTo(120);
    assertThat(r.throughput().persisted().count()).isEqualTo(120);
    assertThat(r.throughput().acknowledged().count()).isEqualTo(120);
    // Acknowledgement follows persistence, and the run ends with the last acknowledgement.
    assertThat(r.throughput().acknowledged().p50Millis()).isGreaterThanOrEqualTo(r.throughput().persisted().p50Millis());
    assertThat(r.throughput().seconds()).isGreaterThanOrEqualTo(r.throughput().persistedSeconds());
    assertThat(r.churn().submitted()).isEqualTo(20);
    assertThat(r.churn().acknowledged().count()).isEqualTo(20);
    assertThat(r.footprint().tasks()).isEqualTo(120);
    assertThat(r.nodesDown()).isZero();
    assertThat(r.masterErrors()).as(progress.toString()).isZero();
    assertThat(ScheduleReport.table(r)).contains("| T1 |", "| T2 |", "| T6 |", "810/s");
    assertThat(ScheduleReport.jsonLines(r)).allSatisfy(line -> assertThat(line).startsWith("{\"bench\":\"schedule\""));
  }

  @Test
  void measured_ratesFromFirstApplyToLastAcknowledgement() {
    long ms = 1_000_000;
    ScheduleBench.Throughput t =
        ScheduleBench.measured(
            0, 5 * ms, Map.of("default/a", 0L, "default/b", 10 * ms), Map.of("a-1", "default/a", "b-1", "default/b"),
            Map.of("a-1", 20 * ms, "b-1", 40 * ms)::get, Map.of("a-1", 30 * ms, "b-1", 1000 * ms)::get);

    assertThat(t.seconds()).isEqualTo(1.0);
    assertThat(t.rate()).isEqualTo(2.0);
    assertThat(t.persistedSeconds()).isEqualTo(0.04);
    assertThat(t.persisted().p99Millis()).isEqualTo(30.0);
    assertThat(t.acknowledged().p50Millis()).isEqualTo(30.0);
    assertThat(t.acknowledged().p99Millis()).isEqualTo(990.0);
  }

  @Test
  void measured_replicaNeverAcknowledged_refused() {
    assertThatThrownBy(
            () -> ScheduleBench.measured(
                0, 0, Map.of("default/a", 0L), Map.of("a-1", "default/a"), Map.of("a-1", 1L)::get, id -> null))
        .hasMessageContaining("a-1 was placed but never acknowledged");
  }

  @Test
  void config_moreTasksThanTheNodesHold_refusedNamingTheOption() {
    assertThatThrownBy(() -> config(2, 1000, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tasks 1000")
        .hasMessageContaining("per node");
  }

  @Test
  void config_appOverTheReplicaLimit_refused() {
    assertThatThrownBy(() -> config(5000, 5000, 2, 0)).hasMessageContaining("--apps 2");
  }
}
