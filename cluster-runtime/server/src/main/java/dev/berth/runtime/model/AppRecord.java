package dev.berth.runtime.model;

import dev.berth.runtime.api.spec.AppSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * An app's desired state as stored: the spec, its revision and its rollout's progress.
 *
 * @param spec the applied spec
 * @param revision raised whenever the containers change (image, env, resources, ...), not on scaling
 * @param createdAt when the app was first applied
 * @param updatedAt when it was last changed
 * @param rollout progress of the current revision's rollout
 */
public record AppRecord(AppSpec spec, long revision, Instant createdAt, Instant updatedAt, RolloutState rollout) {

  public AppRecord {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(rollout, "rollout");
  }

  /** {@code namespace/name}. */
  public String key() {
    return spec.key();
  }

  /** Returns a copy with another rollout state. */
  public AppRecord withRollout(RolloutState newRollout) {
    return new AppRecord(spec, revision, createdAt, updatedAt, newRollout);
  }
}
