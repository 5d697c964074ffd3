package dev.berth.runtime.sizing;

/** The collectors Berth budgets for, each with its native-structure term as a fraction of the heap (§4.2). */
public enum GarbageCollector {
  SERIAL("SerialGC"),
  PARALLEL("ParallelGC"),
  G1("G1GC");

  private final String flagName;

  GarbageCollector(String flagName) {
    this.flagName = flagName;
  }

  /** The flag that selects it, e.g. {@code -XX:+UseSerialGC}. */
  public String flag() {
    return "-XX:+Use" + flagName;
  }

  /** Name as HotSpot prints it, e.g. {@code SerialGC}. */
  public String displayName() {
    return flagName;
  }

  /** GC structures per byte of heap (cal): G1 lost its second mark bitmap in JDK 20. */
  double heapFraction(JvmVersion version) {
    return switch (this) {
      case SERIAL -> 0.01;
      case PARALLEL -> 0.04;
      case G1 -> version.feature() >= 20 ? 0.045 : 0.06;
    };
  }

  /**
   * The collector HotSpot picks on its own: Parallel on a server-class JDK 8 or older, G1 on a server-class 9+,
   * Serial otherwise. Server class is ≥ 2 CPUs and ≥ 1792 MiB of what the JVM sees as memory.
   */
  static GarbageCollector ergonomic(JvmVersion version, int cpus, long seenMemoryBytes) {
    boolean serverClass = cpus >= 2 && seenMemoryBytes >= 1792L << 20;
    if (!serverClass) {
      return SERIAL;
    }
    return version.feature() <= 8 ? PARALLEL : G1;
  }

  /**
   * Reads a collector by name ({@code serial}, {@code parallel}, {@code g1}, or HotSpot's spelling).
   *
   * @throws IllegalArgumentException for ZGC, Shenandoah or an unknown name
   */
  public static GarbageCollector parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace("-xx:+use", "").replace("gc", "");
    return switch (t) {
      case "serial" -> SERIAL;
      case "parallel", "parallelold" -> PARALLEL;
      case "g1" -> G1;
      case "z", "shenandoah" ->
          throw new IllegalArgumentException(
              "GC '" + text + "' has no measured native term yet; use serial, parallel or g1, or size it by hand"
                  + " with jvm.maxHeap");
      default -> throw new IllegalArgumentException("GC '" + text + "' is unknown; expected serial, parallel or g1");
    };
  }
}
