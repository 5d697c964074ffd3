package dev.berth.runtime.deploy;

import dev.berth.runtime.api.spec.AppSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * What to deploy and how long to follow it.
 *
 * @param spec the validated app spec
 * @param specText the user's own text of the spec, sent as written where a target takes text; may be null
 * @param follow whether to follow the rollout to its end
 * @param timeout how long to follow it
 * @param rollbackOnFailure whether a failed rollout is undone to the previous revision
 */
public record DeployRequest(
    AppSpec spec, String specText, boolean follow, Duration timeout, boolean rollbackOnFailure) {

  public DeployRequest {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout + " must be above zero");
    }
  }
}
