package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeapSizerTest {

  static final long MIB = 1L << 20;

  /** The design doc's model app: 15 000 loaded classes, 200 threads, 32 MiB direct, 2 CPUs, JDK 17. */
  static SizingFacts springSized() {
    return new SizingFacts(JvmVersion.parse("17.0.15"), 15_000, FactSource.DECLARED, 200, FactSource.DECLARED, 0,
        0, false, 0, 2, 0, null, 0, 0);
  }

  /**
   * The calibrated model (docs/BENCHMARKS.md): JVM-SIZING.md §4.3's table with stacks at 0.25 and the code cache
   * at 8 KiB per class within the limit's tier. Paketo gives 477 MiB at 1 GiB, 1501 at 2 GiB, 3549 at 4 GiB.
   */
  @ParameterizedTest
  @CsvSource({"384, 56, SERIAL", "512, 180, SERIAL", "768, 397, SERIAL", "1024, 623, SERIAL", "2048, 1541, G1",
      "4096, 3434, G1", "8192, 7221, G1"})
  void heapMatchesTheCalibratedModel(long limitMib, long heapMib, GarbageCollector gc) throws Exception {
    HeapBudget budget = HeapSizer.size(limitMib * MIB, springSized());
    assertThat(budget.xmxBytes() / MIB).isEqualTo(heapMib);
    assertThat(budget.gc()).isEqualTo(gc);
  }

  @Test
  void heapIsAtLeastNineTenthsOfPaketosForTheModelApp() throws Exception {
    // Paketo for the same facts: L - (10 MiB + metaspace + 240 MiB + 200 x 1 MiB), JVM-SIZING.md §2.1.
    for (long limitMib : new long[] {1024, 2048, 4096, 8192}) {
      long paketo = limitMib * MIB - (10 * MIB + 14_000_000L + 5_800L * 15_000 + 240 * MIB + 200 * MIB);
      assertThat((double) HeapSizer.size(limitMib * MIB, springSized()).xmxBytes() / paketo)
          .as("at %d MiB", limitMib).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void everyTermIsListedAndTheSumFitsTheLimit() throws Exception {
    HeapBudget budget = HeapSizer.size(1024 * MIB, springSized());
    assertThat(budget.terms()).extracting(BudgetTerm::name)
        .containsExactly("metaspace", "code cache", "stacks", "direct", "GC", "JVM base", "headroom");
    assertThat(budget.xmxBytes() + budget.nonHeapBytes()).isLessThanOrEqualTo(1024 * MIB);
    assertThat(budget.term("metaspace")).isEqualTo(97 * MIB); // 14 000 000 + 5 800 x 15 000 B, rounded up
    assertThat(budget.term("stacks")).isEqualTo(54 * MIB); // (200 + 12 + 2 x 2) x 1 MiB x 0.25
    assertThat(budget.term("code cache")).isEqualTo(118 * MIB); // 15 000 x 8 KiB, under the 128 MiB tier
  }

  @Test
  void agentsAndNettyGrowTheirTerms() throws Exception {
    SizingFacts plain = springSized();
    SizingFacts rich = plain.withAgentsAndCpus(2, 2).withDirect(0, true);
    HeapBudget a = HeapSizer.size(2048 * MIB, plain);
    HeapBudget b = HeapSizer.size(2048 * MIB, rich);
    assertThat(b.term("JVM base")).isEqualTo(a.term("JVM base") + 64 * MIB);
    assertThat(b.term("direct")).isEqualTo(205 * MIB); // 10 % of 2 GiB, rounded up
    assertThat(b.xmxBytes()).isLessThan(a.xmxBytes());
  }

  @Test
  void jdk7BudgetsPermGenAndItsSmallCodeCache() throws Exception {
    HeapBudget budget = HeapSizer.size(1024 * MIB, springSized().withVersion(JvmVersion.parse("1.7.0_80")));
    assertThat(budget.term("permgen")).isEqualTo(97 * MIB);
    assertThat(budget.term("metaspace")).isZero();
    assertThat(budget.term("code cache")).isEqualTo(48 * MIB);
    // JDK 7 sees the host's memory, so it runs Parallel GC whatever the limit.
    assertThat(budget.gc()).isEqualTo(GarbageCollector.PARALLEL);
  }

  @Test
  void tooSmallListsEveryTermAndTheSmallestWorkingLimit() {
    assertThatThrownBy(() -> HeapSizer.size(320 * MIB, springSized()))
        .isInstanceOfSatisfying(TooSmallException.class, e -> {
          assertThat(e.limitBytes()).isEqualTo(320 * MIB);
          assertThat(e.heapBytes()).isLessThan(32 * MIB);
          assertThat(e.smallestLimitBytes()).isEqualTo(384 * MIB);
          assertThat(e.getMessage())
              .contains("limit 320Mi leaves", "the minimum is 32Mi", "metaspace", "-XX:MaxMetaspaceSize",
                  "15,000 classes (declared)", "stacks", "216 threads x 1Mi x 0.25", "direct", "JVM base",
                  "headroom", "smallest limit that works: 384Mi", "jvm.threads", "jvm.sizing=measure");
        });
  }

  @Test
  void smallestLimitReallyWorksAndOneStepLessDoesNot() throws Exception {
    long smallest = HeapSizer.smallestLimit(HeapSizer.MIN_HEAP, springSized());
    assertThat(HeapSizer.size(smallest, springSized()).xmxBytes()).isGreaterThanOrEqualTo(HeapSizer.MIN_HEAP);
    assertThatThrownBy(() -> HeapSizer.size(smallest - HeapSizer.LIMIT_STEP, springSized()))
        .isInstanceOf(TooSmallException.class);
  }

  @Test
  void aKnownLiveSetRaisesTheMinimumHeap() {
    SizingFacts facts = springSized().withLiveSet(200 * MIB);
    assertThat(HeapSizer.minimumHeap(facts)).isEqualTo(300 * MIB);
    // 180 MiB fits 512 MiB without a live set, but not 1.5 x 200 MiB.
    assertThatThrownBy(() -> HeapSizer.size(512 * MIB, facts)).isInstanceOf(TooSmallException.class);
  }

  @Test
  void warnsWhenTheHeapIsUnderAQuarterOfTheLimit() throws Exception {
    assertThat(HeapSizer.size(384 * MIB, springSized()).warnings()).singleElement().asString()
        .contains("under a quarter");
    assertThat(HeapSizer.size(2048 * MIB, springSized()).warnings()).isEmpty();
  }
}
