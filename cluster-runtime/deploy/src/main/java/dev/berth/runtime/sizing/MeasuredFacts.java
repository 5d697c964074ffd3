package dev.berth.runtime.sizing;

import java.util.HashMap;
import java.util.Map;

/**
 * Peaks from one measure-mode run (JVM-SIZING.md §4.9), as the probe prints them, and how they replace estimates.
 *
 * @param cgroupPeakBytes the container's peak memory usage (cgroup)
 * @param loadedClasses peak loaded classes
 * @param peakThreads peak live Java threads
 * @param directPeakBytes peak of the direct buffer pool
 * @param mappedPeakBytes peak of the mapped buffer pool
 * @param codeCachePeakBytes peak code cache use
 * @param metaspacePeakBytes peak metaspace use
 * @param heapPeakBytes peak heap use
 */
public record MeasuredFacts(
    long cgroupPeakBytes,
    int loadedClasses,
    int peakThreads,
    long directPeakBytes,
    long mappedPeakBytes,
    long codeCachePeakBytes,
    long metaspacePeakBytes,
    long heapPeakBytes) {

  /** Margin on every measured peak (cal). */
  public static final double MARGIN = 1.2;
  private static final String PREFIX = "berth-measure ";
  private static final long MIN_DIRECT = 8L << 20;
  private static final long MIN_CODE = 48L << 20;

  /**
   * The probe's line from a container's output.
   *
   * @throws IllegalArgumentException when the output has no probe line (the JVM did not exit normally, or the probe
   *     was not loaded)
   */
  public static MeasuredFacts parse(String output) {
    String line = null;
    for (String l : output.split("\\R")) {
      int at = l.indexOf(PREFIX);
      if (at >= 0) {
        line = l.substring(at + PREFIX.length());
      }
    }
    if (line == null) {
      throw new IllegalArgumentException(
          "the run printed no '" + PREFIX.trim() + "' line: the JVM was killed or did not load the probe agent;"
              + " rerun with a larger limit");
    }
    Map<String, Long> v = new HashMap<>();
    for (String pair : line.trim().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        try {
          v.put(kv[0], Long.parseLong(kv[1]));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("probe value '" + pair + "' is not a number");
        }
      }
    }
    return new MeasuredFacts(v.getOrDefault("cgroupPeak", 0L), (int) (long) v.getOrDefault("classes", 0L),
        (int) (long) v.getOrDefault("threads", 0L), v.getOrDefault("direct", 0L), v.getOrDefault("mapped", 0L),
        v.getOrDefault("codeCache", 0L), v.getOrDefault("metaspace", 0L), v.getOrDefault("heap", 0L));
  }

  /** The facts with classes, threads, direct memory and code cache replaced by the peaks × {@link #MARGIN}. */
  public SizingFacts applyTo(SizingFacts facts) {
    return facts
        .withClasses((int) Math.ceil(loadedClasses * MARGIN), FactSource.MEASURED)
        .withThreads((int) Math.ceil(peakThreads * MARGIN), FactSource.MEASURED)
        .withDirect(Math.max(MIN_DIRECT, HeapSizer.roundUp((long) (directPeakBytes * MARGIN))), facts.netty())
        .withCodeCache(Math.max(MIN_CODE, HeapSizer.roundUp((long) (codeCachePeakBytes * MARGIN))));
  }
}
