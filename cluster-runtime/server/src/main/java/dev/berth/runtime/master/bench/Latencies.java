package dev.berth.runtime.master.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of durations, by the nearest-rank method: p is the smallest sample with at least p % of
 * the samples at or below it.
 *
 * @param count samples
 * @param p50Millis median
 * @param p99Millis 99th percentile
 * @param maxMillis largest sample
 */
public record Latencies(int count, double p50Millis, double p99Millis, double maxMillis) {

  /** No samples. */
  public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN);

  /** The percentiles of {@code nanos} (not modified). */
  public static Latencies of(long[] nanos) {
    if (nanos.length == 0) {
      return NONE;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
  }

  /** The nearest-rank {@code p}-th percentile of ascending {@code sorted}, which must not be empty. */
  static long percentile(long[] sorted, double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
