package dev.berth.runtime.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Direction (a) of JVM-SIZING.md §4.3: a container limit and the app's facts give the largest heap for which the
 * heap plus every other term still fits the limit. Constants marked (cal) are calibrated by the benchmark.
 */
public final class HeapSizer {

  static final long MIB = 1L << 20;
  /** No heap below this is accepted (§4.3 step 3). */
  public static final long MIN_HEAP = 32 * MIB;
  /** Limits are searched in steps of this size (direction (b) and the smallest working limit). */
  public static final long LIMIT_STEP = 64 * MIB;
  private static final long MAX_LIMIT = 1L << 40;

  // (cal) constants of §4.2.
  static final long META_FIXED = 14_000_000;
  static final long META_PER_CLASS = 5_800;
  static final long CODE_MIN = 64 * MIB;
  static final long CODE_MAX = 240 * MIB;
  static final long CODE_JDK7 = 48 * MIB;
  // Measured: 250 threads at depth 500 touched 0.13 MiB each (W2); 0.25 keeps twice that.
  static final double STACK_TOUCHED = 0.25;
  /** Code cache per loaded class (cal): JIT output grows with the code an app runs, capped by the limit's tier. */
  static final long CODE_PER_CLASS = 8 * 1024;
  static final long DIRECT_DEFAULT = 32 * MIB;
  static final long DIRECT_NETTY_MIN = 64 * MIB;
  static final double DIRECT_NETTY_SHARE = 0.10;
  static final long BASE = 40 * MIB;
  static final long BASE_PER_AGENT = 32 * MIB;
  static final long HEAD_FIXED = 32 * MIB;
  static final double HEAD_SHARE = 0.02;

  private HeapSizer() {}

  /**
   * The heap and budget for a limit.
   *
   * @throws TooSmallException when less than the minimum heap is left, with every term and the smallest limit
   */
  public static HeapBudget size(long limitBytes, SizingFacts facts) throws TooSmallException {
    HeapBudget raw = compute(limitBytes, facts);
    long minimum = minimumHeap(facts);
    if (raw.xmxBytes() < minimum) {
      String jdk = facts.version() == null ? "JDK unknown" : "HotSpot " + facts.version();
      throw new TooSmallException(limitBytes, raw.xmxBytes(), minimum, smallestLimit(minimum, facts),
          raw.terms(), "berth: JVM sizing failed (" + jdk + ", " + raw.gc().displayName() + ")");
    }
    return raw;
  }

  /** The smallest heap accepted for these facts: 32 MiB, or 1.5 × a known live set. */
  public static long minimumHeap(SizingFacts facts) {
    long live = (long) Math.ceil(1.5 * facts.liveSetBytes());
    return Math.max(MIN_HEAP, roundUp(live));
  }

  /** The smallest multiple of 64 MiB whose heap is at least {@code heapBytes}. */
  static long smallestLimit(long heapBytes, SizingFacts facts) {
    for (long limit = LIMIT_STEP; limit <= MAX_LIMIT; limit += LIMIT_STEP) {
      if (compute(limit, facts).xmxBytes() >= heapBytes) {
        return limit;
      }
    }
    throw new IllegalArgumentException("a heap of " + heapBytes + " bytes does not fit any limit up to 1 TiB");
  }

  /** The budget for a limit without the minimum-heap check; the heap may be zero or negative. */
  static HeapBudget compute(long limit, SizingFacts facts) {
    if (limit <= 0) {
      throw new IllegalArgumentException("memory limit " + limit + " must be positive");
    }
    JvmVersion v = facts.version();
    GarbageCollector gc = collector(limit, facts);
    // A JDK of unknown version is budgeted like the hungriest collector of a modern one.
    double g = gc.heapFraction(v == null ? JvmVersion.feature(17) : v);
    List<BudgetTerm> terms = new ArrayList<>();
    long meta = META_FIXED + META_PER_CLASS * facts.loadedClasses();
    boolean permGen = v != null && v.feature() == 7;
    terms.add(new BudgetTerm(permGen ? "permgen" : "metaspace", roundUp(meta),
        v == null ? "" : permGen ? "-XX:MaxPermSize" : "-XX:MaxMetaspaceSize",
        String.format(Locale.ROOT, "%,d classes (%s)", facts.loadedClasses(), facts.classesSource().text())));
    long code = facts.codeCacheBytes() > 0
        ? facts.codeCacheBytes()
        : permGen ? CODE_JDK7 : Math.min(codeCacheTier(limit), Math.max(CODE_MIN, roundUp(CODE_PER_CLASS * facts.loadedClasses())));
    terms.add(new BudgetTerm("code cache", code, "-XX:ReservedCodeCacheSize",
        facts.codeCacheBytes() > 0 ? "measured" : permGen ? "JDK 7 default" : "8Ki x classes, 64Mi..tier of limit"));
    int jvmThreads = 12 + 2 * facts.cpus();
    long xss = facts.xssBytes() > 0 ? facts.xssBytes() : MIB;
    long stacks = roundUp((long) ((facts.threads() + jvmThreads) * (double) xss * STACK_TOUCHED));
    terms.add(new BudgetTerm("stacks", stacks, facts.xssBytes() > 0 ? "-Xss" : "",
        String.format(Locale.ROOT, "%d threads x %s x %s (%s)", facts.threads() + jvmThreads,
            TooSmallException.mib(xss), STACK_TOUCHED, facts.threadsSource().text())));
    long direct = facts.directBytes() > 0
        ? facts.directBytes()
        : facts.netty() ? roundUp(Math.max(DIRECT_NETTY_MIN, (long) (DIRECT_NETTY_SHARE * limit))) : DIRECT_DEFAULT;
    terms.add(new BudgetTerm("direct", direct, "-XX:MaxDirectMemorySize",
        facts.directBytes() > 0 ? "declared or measured" : facts.netty() ? "Netty: max(64Mi, 10% of limit)" : "default"));
    long base = BASE + BASE_PER_AGENT * facts.agents();
    terms.add(new BudgetTerm("JVM base", base, "",
        facts.agents() == 0 ? "" : "40Mi + " + facts.agents() + " agent(s) x 32Mi"));
    long head = roundUp(HEAD_FIXED + (long) (HEAD_SHARE * limit));
    terms.add(new BudgetTerm("headroom", head, "", "32Mi + 2% of limit"));
    long fixed = terms.stream().mapToLong(BudgetTerm::bytes).sum();
    long xmx = Math.floorDiv((long) Math.floor((limit - fixed) / (1 + g)), MIB) * MIB;
    long gcBytes = xmx <= 0 ? 0 : roundUp((long) Math.ceil(g * xmx));
    // Rounding the GC term up may cost the heap one MiB so that the sum never exceeds the limit.
    while (xmx > 0 && xmx + fixed + gcBytes > limit) {
      xmx -= MIB;
      gcBytes = roundUp((long) Math.ceil(g * xmx));
    }
    terms.add(terms.size() - 2, new BudgetTerm("GC", gcBytes, "",
        String.format(Locale.ROOT, "%s x heap (%s)", g, gc.displayName())));
    List<String> warnings = new ArrayList<>();
    if (xmx > 0 && xmx < limit / 4) {
      warnings.add("the heap is " + TooSmallException.mib(xmx) + ", under a quarter of the " + TooSmallException.mib(limit)
          + " limit: most of the limit goes to classes, threads and caps");
    }
    return new HeapBudget(limit, xmx, gc, terms, warnings);
  }

  /**
   * The code cache for a limit (cal): §4.2's tiers (64 MiB below 768 MiB, 128 below 2 GiB, 240 above) with ramps
   * between them, so that a larger limit never gives a smaller heap.
   */
  static long codeCacheTier(long limit) {
    long code;
    if (limit <= 512 * MIB) {
      code = CODE_MIN;
    } else if (limit <= 1024 * MIB) {
      code = limit / 8;
    } else if (limit <= 1536 * MIB) {
      code = 128 * MIB;
    } else if (limit <= 2048 * MIB) {
      code = 128 * MIB + (limit - 1536 * MIB) * 112 / 512;
    } else {
      code = CODE_MAX;
    }
    return roundUp(code);
  }

  /** The collector the JVM will run: the app's own, else HotSpot's choice from what it sees. */
  static GarbageCollector collector(long limit, SizingFacts facts) {
    if (facts.gc() != null) {
      return facts.gc();
    }
    JvmVersion v = facts.version();
    if (v == null) {
      return GarbageCollector.G1;
    }
    // JDKs without container support see the host: assume a server-class host.
    long seen = v.containerAware() ? limit : Long.MAX_VALUE;
    return GarbageCollector.ergonomic(v, facts.cpus(), seen);
  }

  static long roundUp(long bytes) {
    return Math.floorDiv(bytes + MIB - 1, MIB) * MIB;
  }
}
