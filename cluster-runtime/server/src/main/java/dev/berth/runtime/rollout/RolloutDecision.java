package dev.berth.runtime.rollout;

import dev.berth.runtime.model.RolloutState;
import java.time.Duration;
import java.util.List;

/**
 * What to do next for an app's replica set.
 *
 * @param create new replicas of the current revision to create
 * @param remove replica ids to remove (old revisions being replaced, or extras after a scale-down)
 * @param state the rollout's state after this step
 * @param recheckAfter when to look again for the progress deadline, or {@code null}
 * @param message what the rollout waits for, for people
 */
public record RolloutDecision(
    int create, List<String> remove, RolloutState state, Duration recheckAfter, String message) {

  public RolloutDecision {
    remove = List.copyOf(remove);
  }
}
