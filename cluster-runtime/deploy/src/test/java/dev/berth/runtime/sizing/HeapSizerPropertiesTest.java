package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of direction (a) and (b) over generated facts. */
class HeapSizerPropertiesTest {

  static final long MIB = 1L << 20;

  static SizingFacts facts(int classes, int threads, int agents, int cpus, GarbageCollector gc, int feature) {
    return new SizingFacts(JvmVersion.feature(feature), classes, FactSource.DECLARED, threads, FactSource.DECLARED,
        agents, 0, false, 0, cpus, 0, gc, 0, 0);
  }

  @Property(tries = 300)
  void heapPlusTermsNeverExceedTheLimit(
      @ForAll @LongRange(min = 64, max = 16384) long limitMib,
      @ForAll @IntRange(min = 0, max = 60_000) int classes,
      @ForAll @IntRange(min = 0, max = 2000) int threads,
      @ForAll @IntRange(min = 0, max = 3) int agents,
      @ForAll @IntRange(min = 1, max = 16) int cpus,
      @ForAll @IntRange(min = 7, max = 25) int feature) {
    SizingFacts f = facts(classes, threads, agents, cpus, null, feature);
    HeapBudget b = HeapSizer.compute(limitMib * MIB, f);
    if (b.xmxBytes() > 0) {
      assertThat(b.xmxBytes() + b.nonHeapBytes()).isLessThanOrEqualTo(limitMib * MIB);
      assertThat(b.xmxBytes() % MIB).isZero();
    }
  }

  @Property(tries = 300)
  void aLargerLimitNeverGivesASmallerHeapForOneCollector(
      @ForAll @LongRange(min = 64, max = 16384) long limitMib,
      @ForAll @LongRange(min = 1, max = 512) long moreMib,
      @ForAll @IntRange(min = 0, max = 60_000) int classes,
      @ForAll @IntRange(min = 0, max = 2000) int threads,
      @ForAll GarbageCollector gc,
      @ForAll @IntRange(min = 8, max = 25) int feature) {
    SizingFacts f = facts(classes, threads, 0, 2, gc, feature);
    long small = HeapSizer.compute(limitMib * MIB, f).xmxBytes();
    long large = HeapSizer.compute((limitMib + moreMib) * MIB, f).xmxBytes();
    assertThat(large).isGreaterThanOrEqualTo(small);
  }

  @Property(tries = 100)
  void directionBInvertsDirectionA(
      @ForAll @LongRange(min = 32, max = 8192) long xmxMib,
      @ForAll @IntRange(min = 0, max = 40_000) int classes,
      @ForAll @IntRange(min = 0, max = 1000) int threads,
      @ForAll @IntRange(min = 8, max = 25) int feature) throws Exception {
    SizingFacts f = facts(classes, threads, 0, 2, null, feature);
    LimitBudget b = LimitSizer.limitFor(xmxMib * MIB, f);
    assertThat(HeapSizer.size(b.limitBytes(), f).xmxBytes()).isGreaterThanOrEqualTo(xmxMib * MIB);
  }
}
