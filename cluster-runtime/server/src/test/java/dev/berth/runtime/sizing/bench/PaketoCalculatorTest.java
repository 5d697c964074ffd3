package dev.berth.runtime.sizing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The port against the figures published for the real calculator (JVM-SIZING.md §2.1). */
class PaketoCalculatorTest {

  @Test
  void reproducesNebhalesPublishedOutput() {
    // 13 282 classes, 50 threads, 1G -> MaxMetaspaceSize=88901K -Xmx652474K
    PaketoCalculator.Result r = PaketoCalculator.calculate(1L << 30, 13_282, 50, 0);
    assertThat(r.flags()).contains("-Xmx652474K", "-XX:MaxMetaspaceSize=88901K", "-XX:ReservedCodeCacheSize=245760K");
  }

  @Test
  void refusesWhenFixedRegionsExceedTheLimit() {
    assertThat(PaketoCalculator.calculate(512L << 20, 15_000, 250, 0)).isNull();
    assertThat(PaketoCalculator.calculate(768L << 20, 15_000, 250, 0).heapBytes() >> 20).isEqualTo(171); // the doc rounds 171.2 to 172
  }
}
