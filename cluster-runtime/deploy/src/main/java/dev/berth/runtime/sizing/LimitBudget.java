package dev.berth.runtime.sizing;

/**
 * Direction (b)'s result: the container memory a legacy {@code -Xmx} needs.
 *
 * @param xmxBytes the app's own maximum heap
 * @param requestBytes the memory request (equal to the limit: Guaranteed QoS)
 * @param limitBytes the smallest multiple of 64 MiB that fits the heap and every other term
 * @param budget the budget at that limit; its heap is at least {@code xmxBytes}
 */
public record LimitBudget(long xmxBytes, long requestBytes, long limitBytes, HeapBudget budget) {}
