package dev.berth.runtime.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-JDK flag table of JVM-SIZING.md §4.5: renders a budget as flags, leaving out every flag the target JVM
 * would reject (it refuses to start on an unknown {@code -XX} option). An unknown update counts as the oldest.
 */
public final class JvmFlagRules {

  private JvmFlagRules() {}

  /** Flags for a budget, in a fixed order: heap, caps, OOME exit, CPU count, Netty. */
  public static List<String> flags(HeapBudget budget, SizingFacts facts) {
    JvmVersion v = facts.version();
    List<String> flags = new ArrayList<>();
    flags.add("-Xmx" + budget.xmxBytes() / HeapSizer.MIB + "m");
    if (facts.xssBytes() > 0) {
      flags.add("-Xss" + Math.max(1, facts.xssBytes() >> 10) + "k");
    }
    long meta = budget.term(v != null && v.feature() == 7 ? "permgen" : "metaspace");
    if (v != null) {
      // JDK 7 has only PermGen; 8+ has only Metaspace (8–16 warn on MaxPermSize, 17+ refuse it).
      flags.add((v.feature() == 7 ? "-XX:MaxPermSize=" : "-XX:MaxMetaspaceSize=") + meta / HeapSizer.MIB + "m");
    }
    flags.add("-XX:ReservedCodeCacheSize=" + budget.term("code cache") / HeapSizer.MIB + "m");
    flags.add("-XX:MaxDirectMemorySize=" + budget.term("direct") / HeapSizer.MIB + "m");
    if (v != null && v.atLeast8u(92)) {
      flags.add("-XX:+ExitOnOutOfMemoryError");
    }
    if (v != null && v.atLeast8u(191)) {
      flags.add("-XX:ActiveProcessorCount=" + facts.cpus());
    } else {
      // No ActiveProcessorCount before 8u191: size GC and JIT threads from the CPU limit as run-java.sh does.
      flags.add("-XX:ParallelGCThreads=" + facts.cpus());
      flags.add("-XX:CICompilerCount=" + Math.max(2, facts.cpus()));
    }
    if (facts.netty()) {
      // Netty then counts its pool against MaxDirectMemorySize instead of a second, equal limit of its own.
      flags.add("-Dio.netty.maxDirectMemory=0");
    }
    return List.copyOf(flags);
  }

  /** Whether a flag sizes memory, so it must win over a start script's own (those go in {@code _JAVA_OPTIONS}). */
  public static boolean sizesMemory(String flag) {
    return flag.startsWith("-Xmx") || flag.startsWith("-Xms") || flag.startsWith("-Xss")
        || flag.startsWith("-XX:MaxMetaspaceSize=") || flag.startsWith("-XX:MaxPermSize=")
        || flag.startsWith("-XX:ReservedCodeCacheSize=") || flag.startsWith("-XX:MaxDirectMemorySize=")
        || flag.startsWith("-Dio.netty.maxDirectMemory=");
  }
}
