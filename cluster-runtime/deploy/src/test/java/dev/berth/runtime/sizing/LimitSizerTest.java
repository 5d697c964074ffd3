package dev.berth.runtime.sizing;

import static dev.berth.runtime.sizing.HeapSizerTest.MIB;
import static dev.berth.runtime.sizing.HeapSizerTest.springSized;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitSizerTest {

  @ParameterizedTest
  // JVM-SIZING.md §4.4's model gave 704, 1024, 1536, 2816, 4992 before calibration (docs/BENCHMARKS.md).
  @CsvSource({"256, 640", "512, 960", "1024, 1472", "2048, 2624", "4096, 4864"})
  void limitsMatchTheCalibratedModel(long xmxMib, long limitMib) {
    LimitBudget result = LimitSizer.limitFor(xmxMib * MIB, springSized());
    assertThat(result.limitBytes()).isEqualTo(limitMib * MIB);
    assertThat(result.requestBytes()).isEqualTo(result.limitBytes());
  }

  @ParameterizedTest
  @CsvSource({"64", "300", "777", "1500", "3000", "6000"})
  void theLimitIsTheSmallestStepThatHoldsTheHeap(long xmxMib) throws Exception {
    LimitBudget result = LimitSizer.limitFor(xmxMib * MIB, springSized());
    assertThat(result.limitBytes() % HeapSizer.LIMIT_STEP).isZero();
    assertThat(HeapSizer.size(result.limitBytes(), springSized()).xmxBytes()).isGreaterThanOrEqualTo(xmxMib * MIB);
    assertThat(HeapSizer.compute(result.limitBytes() - HeapSizer.LIMIT_STEP, springSized()).xmxBytes())
        .isLessThan(xmxMib * MIB);
  }
}
