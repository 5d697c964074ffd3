package dev.berth.runtime.sizing;

import java.util.List;
import java.util.Locale;

/** A memory limit that leaves too little for the heap; the message lists every term and the smallest limit that works. */
public final class TooSmallException extends Exception {

  private final long limitBytes;
  private final long heapBytes;
  private final long minimumHeapBytes;
  private final long smallestLimitBytes;
  private final List<BudgetTerm> terms;

  TooSmallException(
      long limitBytes, long heapBytes, long minimumHeapBytes, long smallestLimitBytes, List<BudgetTerm> terms,
      String header) {
    super(message(limitBytes, heapBytes, minimumHeapBytes, smallestLimitBytes, terms, header));
    this.limitBytes = limitBytes;
    this.heapBytes = heapBytes;
    this.minimumHeapBytes = minimumHeapBytes;
    this.smallestLimitBytes = smallestLimitBytes;
    this.terms = List.copyOf(terms);
  }

  /** The limit that was too small. */
  public long limitBytes() {
    return limitBytes;
  }

  /** What was left for the heap (may be negative). */
  public long heapBytes() {
    return heapBytes;
  }

  /** The smallest heap Berth accepts for these facts. */
  public long minimumHeapBytes() {
    return minimumHeapBytes;
  }

  /** The smallest limit, a multiple of 64 MiB, that works with the same facts. */
  public long smallestLimitBytes() {
    return smallestLimitBytes;
  }

  /** Every non-heap term at the failed limit. */
  public List<BudgetTerm> terms() {
    return terms;
  }

  private static String message(
      long limit, long heap, long minimum, long smallest, List<BudgetTerm> terms, String header) {
    StringBuilder b = new StringBuilder();
    b.append(header).append('\n');
    b.append(String.format(Locale.ROOT, "  limit %s leaves %s for the heap; the minimum is %s.%n",
        mib(limit), mib(heap), mib(minimum)));
    long nonHeap = terms.stream().mapToLong(BudgetTerm::bytes).sum();
    b.append("  non-heap budget ").append(mib(nonHeap)).append(":\n");
    for (BudgetTerm t : terms) {
      b.append(String.format(Locale.ROOT, "    %-12s %7s  %-26s %s%n", t.name(), mib(t.bytes()), t.cap(), t.basis()));
    }
    b.append("  smallest limit that works: ").append(mib(smallest)).append('\n');
    b.append("  fix: raise the limit; or set jvm.threads / jvm.loadedClasses / jvm.directMemory if an\n");
    b.append("       estimate is too high; or deploy once with jvm.sizing=measure");
    return b.toString();
  }

  static String mib(long bytes) {
    return Math.floorDiv(bytes, 1L << 20) + "Mi";
  }
}
