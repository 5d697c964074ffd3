package dev.berth.runtime.api.spec;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a new revision replaces the old one: a rolling update with Kubernetes' fields and defaults, so it maps
 * one-to-one onto a Deployment's {@code strategy.rollingUpdate} and {@code progressDeadlineSeconds}.
 *
 * @param strategy {@code rolling} (the only strategy so far)
 * @param maxSurge replicas above the desired count during the update: a number or a percentage; default 25%
 * @param maxUnavailable desired replicas that may be not ready during the update; default 25%
 * @param progressDeadline time without progress after which the update stops as failed; default 600s
 */
public record RolloutSpec(String strategy, String maxSurge, String maxUnavailable, String progressDeadline) {

  private static final Pattern AMOUNT = Pattern.compile("\\d{1,5}%?");
  private static final String AMOUNT_ALLOWED = "a whole number (e.g. 1) or a percentage of replicas (e.g. 25%)";

  public RolloutSpec {
    strategy = strategy == null ? "rolling" : strategy;
    if (!strategy.equals("rolling")) {
      throw new SpecValidationException("strategy", strategy, "rolling");
    }
    maxSurge = maxSurge == null ? "25%" : maxSurge.trim();
    maxUnavailable = maxUnavailable == null ? "25%" : maxUnavailable.trim();
    if (!AMOUNT.matcher(maxSurge).matches() || percent(maxSurge) > 100) {
      throw new SpecValidationException("maxSurge", maxSurge, AMOUNT_ALLOWED);
    }
    if (!AMOUNT.matcher(maxUnavailable).matches() || percent(maxUnavailable) > 100) {
      throw new SpecValidationException("maxUnavailable", maxUnavailable, AMOUNT_ALLOWED + ", at most 100%");
    }
    if (isZero(maxSurge) && isZero(maxUnavailable)) {
      throw new SpecValidationException(
          "maxUnavailable", maxUnavailable, "above 0 when maxSurge is 0, or the update could never start");
    }
    progressDeadline = progressDeadline == null ? "600s" : progressDeadline;
    if (DurationText.parse("progressDeadline", progressDeadline).isZero()) {
      throw new SpecValidationException("progressDeadline", progressDeadline, "a duration above zero, e.g. 600s");
    }
  }

  /** Defaults: rolling, 25% / 25%, 600 s. */
  public static RolloutSpec defaults() {
    return new RolloutSpec(null, null, null, null);
  }

  /** maxSurge in replicas for {@code replicas} desired (percentages round up, as in Kubernetes). */
  public int surgeFor(int replicas) {
    return resolve(maxSurge, replicas, true);
  }

  /** maxUnavailable in replicas for {@code replicas} desired (percentages round down, as in Kubernetes). */
  public int unavailableFor(int replicas) {
    int n = resolve(maxUnavailable, replicas, false);
    // Kubernetes' rule: when both resolve to 0, one replica may be unavailable so the update can proceed.
    return n == 0 && surgeFor(replicas) == 0 ? 1 : n;
  }

  /** Parsed {@link #progressDeadline()}. */
  public Duration progressDeadlineDuration() {
    return DurationText.parse("progressDeadline", progressDeadline);
  }

  private static int resolve(String amount, int replicas, boolean roundUp) {
    if (amount.endsWith("%")) {
      int pct = percent(amount);
      return roundUp ? (replicas * pct + 99) / 100 : replicas * pct / 100;
    }
    return Integer.parseInt(amount);
  }

  private static int percent(String amount) {
    return amount.endsWith("%") ? Integer.parseInt(amount.substring(0, amount.length() - 1)) : 0;
  }

  private static boolean isZero(String amount) {
    return amount.replace("%", "").chars().allMatch(c -> c == '0');
  }
}
