package dev.berth.runtime.sizing.bench;

/**
 * The Paketo libjvm memory calculator's equations and defaults (JVM-SIZING.md §2.1), written for the benchmark:
 * Direct 10 MiB unless set, Code 240 MiB, 1 MiB stacks x threads, Metaspace 14 000 000 B + 5 800 B per class, 0 %
 * headroom, and the heap is what is left.
 */
final class PaketoCalculator {

  private static final long MIB = 1L << 20;

  private PaketoCalculator() {}

  /**
   * The calculator's flags, or {@code null} when it refuses (fixed regions larger than the limit).
   *
   * @param directBytes the user's MaxDirectMemorySize, or 0 for Paketo's 10 MiB
   */
  static Result calculate(long limit, int classes, int threads, long directBytes) {
    long direct = directBytes > 0 ? directBytes : 10 * MIB;
    long code = 240 * MIB;
    long stack = MIB;
    long meta = 14_000_000L + 5_800L * classes;
    long fixed = direct + meta + code + stack * threads;
    long heap = limit - fixed;
    if (fixed > limit || heap <= 0) {
      return null;
    }
    String flags = String.format(
        "-XX:MaxDirectMemorySize=%dK -Xmx%dK -XX:MaxMetaspaceSize=%dK -XX:ReservedCodeCacheSize=%dK -Xss%dK"
            + " -XX:+ExitOnOutOfMemoryError",
        direct / 1024, heap / 1024, meta / 1024, code / 1024, stack / 1024);
    return new Result(heap, flags);
  }

  /** The heap and the flags Paketo appends to {@code JAVA_TOOL_OPTIONS}. */
  record Result(long heapBytes, String flags) {}
}
