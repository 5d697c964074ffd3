package dev.berth.runtime.sizing;

import static dev.berth.runtime.sizing.HeapSizerTest.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasuredFactsTest {

  static final String OUTPUT = """
      Picked up JAVA_TOOL_OPTIONS: -Xmx800m
      app says hello
      berth-measure cgroupPeak=314572800 classes=9000 threads=40 direct=52428800 mapped=0 codeCache=41943040 \
      metaspace=50331648 heap=104857600
      """;

  @Test
  void readsTheProbeLine() {
    MeasuredFacts m = MeasuredFacts.parse(OUTPUT);
    assertThat(m).isEqualTo(new MeasuredFacts(300 * MIB, 9000, 40, 50 * MIB, 0, 40 * MIB, 48 * MIB, 100 * MIB));
  }

  @Test
  void peaksWithMarginReplaceEstimates() {
    SizingFacts facts = MeasuredFacts.parse(OUTPUT).applyTo(HeapSizerTest.springSized());
    assertThat(facts.loadedClasses()).isEqualTo(10_800);
    assertThat(facts.classesSource()).isEqualTo(FactSource.MEASURED);
    assertThat(facts.threads()).isEqualTo(48);
    assertThat(facts.directBytes()).isEqualTo(60 * MIB);
    assertThat(facts.codeCacheBytes()).isEqualTo(48 * MIB);
  }

  @Test
  void aRunWithoutTheProbeLineSaysWhy() {
    assertThatThrownBy(() -> MeasuredFacts.parse("Killed\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger limit");
  }
}
