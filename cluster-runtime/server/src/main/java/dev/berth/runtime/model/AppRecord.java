package dev.berth.runtime.model;

import dev.berth.runtime.api.spec.AppSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An app's desired state as stored: the spec, its revision and its rollout's progress.
 *
 * @param spec the applied spec
 * @param revision raised whenever the containers change (image, env, resources, ...), not on scaling
 * @param createdAt when the app was first applied
 * @param updatedAt when it was last changed
 * @param rollout progress of the current revision's rollout
 * @param previous specs of older revisions that still have replicas (revision → spec), so they keep running as
 *     they were until the rollout replaces them
 */
public record AppRecord(
    AppSpec spec, long revision, Instant createdAt, Instant updatedAt, RolloutState rollout,
    Map<Long, AppSpec> previous) {

  public AppRecord {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(rollout, "rollout");
    previous = previous == null ? Map.of() : Map.copyOf(previous);
  }

  /** The spec a replica of {@code rev} runs: the current one, or an older revision's. */
  public AppSpec specFor(long rev) {
    return rev == revision ? spec : previous.getOrDefault(rev, spec);
  }

  /** Returns a copy keeping only the older revisions in {@code inUse}. */
  public AppRecord keepingPrevious(java.util.Set<Long> inUse) {
    Map<Long, AppSpec> kept = new java.util.HashMap<>(previous);
    kept.keySet().retainAll(inUse);
    return new AppRecord(spec, revision, createdAt, updatedAt, rollout, kept);
  }

  /** {@code namespace/name}. */
  public String key() {
    return spec.key();
  }

  /** Returns a copy with another rollout state. */
  public AppRecord withRollout(RolloutState newRollout) {
    return new AppRecord(spec, revision, createdAt, updatedAt, newRollout, previous);
  }
}
