package dev.berth.runtime.master.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  private static final long MS = 1_000_000;

  @Test
  void of_oneToHundredMillis_nearestRank() {
    // Shuffled, so the sort is exercised too.
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * MS).toArray();

    Latencies l = Latencies.of(nanos);

    assertThat(l.count()).isEqualTo(100);
    assertThat(l.p50Millis()).isEqualTo(50.0);
    assertThat(l.p99Millis()).isEqualTo(99.0);
    assertThat(l.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void of_fewSamples_p99IsTheLargest() {
    Latencies l = Latencies.of(new long[] {30 * MS, 10 * MS, 20 * MS});

    assertThat(l.p50Millis()).isEqualTo(20.0);
    assertThat(l.p99Millis()).isEqualTo(30.0);
  }

  @Test
  void of_doesNotReorderItsInput() {
    long[] nanos = {3, 1, 2};

    Latencies.of(nanos);

    assertThat(nanos).containsExactly(3, 1, 2);
  }

  @Test
  void of_noSamples_none() {
    assertThat(Latencies.of(new long[0])).isEqualTo(Latencies.NONE);
  }

  @Test
  void percentile_outsideRange_refused() {
    assertThatThrownBy(() -> Latencies.percentile(new long[] {1}, 0)).hasMessageContaining("(0, 100]");
  }
}
