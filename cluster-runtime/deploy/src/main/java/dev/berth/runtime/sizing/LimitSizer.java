package dev.berth.runtime.sizing;

/** Direction (b) of JVM-SIZING.md §4.4: a legacy app's own {@code -Xmx} gives the container request and limit. */
public final class LimitSizer {

  private LimitSizer() {}

  /** The smallest limit, a multiple of 64 MiB, whose heap holds {@code xmxBytes} (request = limit). */
  public static LimitBudget limitFor(long xmxBytes, SizingFacts facts) {
    if (xmxBytes <= 0) {
      throw new IllegalArgumentException("-Xmx " + xmxBytes + " must be positive");
    }
    long heap = Math.max(xmxBytes, HeapSizer.minimumHeap(facts));
    long limit = HeapSizer.smallestLimit(heap, facts);
    return new LimitBudget(xmxBytes, limit, limit, HeapSizer.compute(limit, facts));
  }
}
