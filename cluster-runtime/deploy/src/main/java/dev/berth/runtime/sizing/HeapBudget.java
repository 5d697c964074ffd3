package dev.berth.runtime.sizing;

import java.util.List;

/**
 * Direction (a)'s result: the heap that fits a limit, and every other term of the budget.
 *
 * @param limitBytes the container's memory limit
 * @param xmxBytes the maximum heap, whole MiB
 * @param gc the collector the budget assumes
 * @param terms every non-heap term, GC structures included; their sum plus the heap is at most the limit
 * @param warnings sentences for a heap that fits but is unusually small
 */
public record HeapBudget(long limitBytes, long xmxBytes, GarbageCollector gc, List<BudgetTerm> terms,
    List<String> warnings) {

  public HeapBudget {
    terms = List.copyOf(terms);
    warnings = List.copyOf(warnings);
  }

  /** Sum of the non-heap terms. */
  public long nonHeapBytes() {
    return terms.stream().mapToLong(BudgetTerm::bytes).sum();
  }

  /** The term of this name, or 0 bytes when absent. */
  public long term(String name) {
    return terms.stream().filter(t -> t.name().equals(name)).mapToLong(BudgetTerm::bytes).sum();
  }
}
