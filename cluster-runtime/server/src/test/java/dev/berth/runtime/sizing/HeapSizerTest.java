package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

  @ParameterizedTest
  @CsvSource({"512, 128, SERIAL", "1024, 561, SERIAL", "2048, 1376, G1", "4096, 3269, G1"})
  void heapMatchesTheDesignModel(long limitMib, long heapMib, GarbageCollector gc) throws Exception {
    HeapBudget budget = HeapSizer.size(limitMib * MIB, springSized());
    // The model in JVM-SIZING.md §4.3 does not round terms up to whole MiB; Berth does, so it may give 1–2 MiB less.
    assertThat((double) budget.xmxBytes() / MIB).isCloseTo(heapMib, within(2.0));
    assertThat(budget.gc()).isEqualTo(gc);
  }

  @Test
  void everyTermIsListedAndTheSumFitsTheLimit() throws Exception {
    HeapBudget budget = HeapSizer.size(1024 * MIB, springSized());
    assertThat(budget.terms()).extracting(BudgetTerm::name)
        .containsExactly("metaspace", "code cache", "stacks", "direct", "GC", "JVM base", "headroom");
    assertThat(budget.xmxBytes() + budget.nonHeapBytes()).isLessThanOrEqualTo(1024 * MIB);
    assertThat(budget.term("metaspace")).isEqualTo(97 * MIB); // 14 000 000 + 5 800 x 15 000 B, rounded up
    assertThat(budget.term("stacks")).isEqualTo(108 * MIB); // (200 + 12 + 2 x 2) x 1 MiB x 0.5
    assertThat(budget.term("code cache")).isEqualTo(128 * MIB);
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
    assertThatThrownBy(() -> HeapSizer.size(384 * MIB, springSized()))
        .isInstanceOfSatisfying(TooSmallException.class, e -> {
          assertThat(e.limitBytes()).isEqualTo(384 * MIB);
          assertThat(e.heapBytes()).isLessThan(32 * MIB);
          assertThat(e.smallestLimitBytes()).isEqualTo(448 * MIB);
          assertThat(e.getMessage())
              .contains("limit 384Mi leaves", "the minimum is 32Mi", "metaspace", "-XX:MaxMetaspaceSize",
                  "15,000 classes (declared)", "stacks", "216 threads x 1Mi x 0.5", "direct", "JVM base",
                  "headroom", "smallest limit that works: 448Mi", "jvm.threads", "jvm.sizing=measure");
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
    assertThatThrownBy(() -> HeapSizer.size(512 * MIB, facts)).isInstanceOf(TooSmallException.class);
  }

  @Test
  void warnsWhenTheHeapIsUnderAQuarterOfTheLimit() throws Exception {
    assertThat(HeapSizer.size(512 * MIB, springSized()).warnings()).singleElement().asString()
        .contains("under a quarter");
    assertThat(HeapSizer.size(2048 * MIB, springSized()).warnings()).isEmpty();
  }
}
