package dev.berth.runtime.reconcile;

import java.time.Duration;

/**
 * The wait before restarting a crashed replica: 1 s, doubling per crash in a row, capped at 60 s; the count
 * resets after a run of 10 minutes (RUNTIME.md §1.5: Kubernetes' faster decay, per app).
 */
public final class CrashLoopBackoff {

  public static final Duration INITIAL = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofSeconds(60);
  public static final Duration RESET_AFTER = Duration.ofMinutes(10);

  private CrashLoopBackoff() {}

  /** The wait before the restart that follows crash number {@code crashes} in a row (1 for the first). */
  public static Duration delay(int crashes) {
    if (crashes <= 1) {
      return INITIAL;
    }
    int shift = Math.min(crashes - 1, 10);
    Duration d = INITIAL.multipliedBy(1L << shift);
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
