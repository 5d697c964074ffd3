package dev.berth.runtime.sizing;

import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.spec.ByteSize;

/**
 * The resolved inputs of one sizing: every fact has a value and says where it came from.
 *
 * @param version the runtime JDK, or {@code null} when unknown (then only flags every JDK 7–25 accepts are emitted)
 * @param loadedClasses classes the JVM is expected to load, JDK's own included
 * @param classesSource where {@code loadedClasses} came from
 * @param threads peak thread count of the app (the JVM's own threads are added by the sizer)
 * @param threadsSource where {@code threads} came from
 * @param agents number of {@code -javaagent}s
 * @param directBytes direct-memory budget, or 0 for the default rule (32 MiB; with Netty max(64 MiB, 10 % of L))
 * @param netty whether Netty's pooled allocator may run (it then gets {@code -Dio.netty.maxDirectMemory=0})
 * @param codeCacheBytes measured code-cache budget, or 0 for the limit-based tier
 * @param cpus CPUs the container may use (rounded up)
 * @param xssBytes the app's own {@code -Xss}, or 0 when it sets none (1 MiB is assumed and nothing emitted)
 * @param gc the app's collector, or {@code null} for HotSpot's own choice
 * @param liveSetBytes the app's live heap if known, else 0; the heap must be at least 1.5 × it
 * @param legacyXmxBytes the {@code -Xmx} of the app's start script, or 0
 */
public record SizingFacts(
    JvmVersion version,
    int loadedClasses,
    FactSource classesSource,
    int threads,
    FactSource threadsSource,
    int agents,
    long directBytes,
    boolean netty,
    long codeCacheBytes,
    int cpus,
    long xssBytes,
    GarbageCollector gc,
    long liveSetBytes,
    long legacyXmxBytes) {

  /** Classes JDK 17 loads on its own that count in the estimate (measured; the catalog's figure). */
  public static final int JDK_CLASSES = 26_588;
  /** Share of the classes on the class path that a typical app loads (Paketo's and CF's 0.35). */
  public static final double LOADED_SHARE = 0.35;
  /** App classes assumed when the image carries no count. */
  public static final int DEFAULT_APP_CLASSES = 15_000;
  /** Threads assumed when nothing is declared (a servlet container's pool). */
  public static final int DEFAULT_THREADS = 250;

  public SizingFacts {
    if (loadedClasses < 0 || threads < 0 || agents < 0 || directBytes < 0 || codeCacheBytes < 0 || xssBytes < 0
        || liveSetBytes < 0 || legacyXmxBytes < 0) {
      throw new IllegalArgumentException("sizing facts must not be negative");
    }
    if (cpus < 1) {
      throw new IllegalArgumentException("cpus " + cpus + " must be at least 1");
    }
    java.util.Objects.requireNonNull(classesSource, "classesSource");
    java.util.Objects.requireNonNull(threadsSource, "threadsSource");
  }

  /**
   * Inputs from an app's facts (image labels, possibly overridden by the spec). The class label counts
   * {@code .class} entries, so the loaded count is estimated as 0.35 × (JDK + label).
   *
   * @param cpuMillis the container's CPU limit in millicores, or 0 when it has none (2 CPUs are assumed)
   * @throws IllegalArgumentException when a fact is malformed (a version or {@code -Xmx} that cannot be read)
   */
  public static SizingFacts from(AppFacts facts, long cpuMillis) {
    AppFacts f = facts == null ? AppFacts.none() : facts;
    JvmVersion version =
        f.jdkVersion() != null
            ? JvmVersion.parse(f.jdkVersion())
            : f.jdkRuntime() != null ? JvmVersion.feature(f.jdkRuntime()) : null;
    int classes;
    FactSource classesSource;
    if (f.loadedClasses() != null) {
      classes = estimateLoaded(f.loadedClasses());
      classesSource = FactSource.ESTIMATED;
    } else {
      classes = estimateLoaded(DEFAULT_APP_CLASSES);
      classesSource = FactSource.DEFAULT;
    }
    int threads = f.threads() != null ? f.threads() : DEFAULT_THREADS;
    FactSource threadsSource = f.threads() != null ? FactSource.DECLARED : FactSource.DEFAULT;
    long legacyXmx = f.legacyXmx() == null ? 0 : ByteSize.parse("legacy -Xmx", f.legacyXmx());
    int cpus = cpuMillis <= 0 ? 2 : (int) Math.max(1, (cpuMillis + 999) / 1000);
    return new SizingFacts(
        version, classes, classesSource, threads, threadsSource, f.javaagents().size(), 0, false, 0, cpus, 0,
        null, 0, legacyXmx);
  }

  /** Loaded classes estimated from the {@code .class} entries of app, libraries and agents. */
  public static int estimateLoaded(int appClassEntries) {
    return (int) Math.ceil(LOADED_SHARE * (JDK_CLASSES + (long) appClassEntries));
  }

  /** A copy with these loaded classes, e.g. measured. */
  public SizingFacts withClasses(int classes, FactSource source) {
    return new SizingFacts(version, classes, source, threads, threadsSource, agents, directBytes, netty,
        codeCacheBytes, cpus, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with this peak thread count. */
  public SizingFacts withThreads(int count, FactSource source) {
    return new SizingFacts(version, loadedClasses, classesSource, count, source, agents, directBytes, netty,
        codeCacheBytes, cpus, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with a direct-memory budget and whether Netty is present. */
  public SizingFacts withDirect(long bytes, boolean withNetty) {
    return new SizingFacts(version, loadedClasses, classesSource, threads, threadsSource, agents, bytes, withNetty,
        codeCacheBytes, cpus, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with a code-cache budget (0 = the limit-based tier). */
  public SizingFacts withCodeCache(long bytes) {
    return new SizingFacts(version, loadedClasses, classesSource, threads, threadsSource, agents, directBytes, netty,
        bytes, cpus, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with this JDK. */
  public SizingFacts withVersion(JvmVersion jdk) {
    return new SizingFacts(jdk, loadedClasses, classesSource, threads, threadsSource, agents, directBytes, netty,
        codeCacheBytes, cpus, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with the app's collector and its own {@code -Xss} (0 = none). */
  public SizingFacts withRuntimeFlags(GarbageCollector collector, long xss) {
    return new SizingFacts(version, loadedClasses, classesSource, threads, threadsSource, agents, directBytes, netty,
        codeCacheBytes, cpus, xss, collector, liveSetBytes, legacyXmxBytes);
  }

  /** A copy with a known live set (the heap must then hold 1.5 × it). */
  public SizingFacts withLiveSet(long bytes) {
    return new SizingFacts(version, loadedClasses, classesSource, threads, threadsSource, agents, directBytes, netty,
        codeCacheBytes, cpus, xssBytes, gc, bytes, legacyXmxBytes);
  }

  /** A copy with the agent count and CPU count. */
  public SizingFacts withAgentsAndCpus(int agentCount, int cpuCount) {
    return new SizingFacts(version, loadedClasses, classesSource, threads, threadsSource, agentCount, directBytes,
        netty, codeCacheBytes, cpuCount, xssBytes, gc, liveSetBytes, legacyXmxBytes);
  }
}
