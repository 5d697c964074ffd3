package dev.berth.runtime.deploy;

import java.util.List;

/**
 * How a deploy ended.
 *
 * @param app the app's key, {@code namespace/name}
 * @param revision the target's revision of the app after the apply
 * @param phase how the rollout ended
 * @param ready replicas ready at the end
 * @param desired replicas asked for
 * @param message one line saying why, for users
 * @param diagnostics on failure: events and the crashed replicas' last termination reasons, one per line
 * @param rolledBack whether the target undid the rollout to the previous revision
 */
public record DeployOutcome(
    String app,
    long revision,
    Phase phase,
    int ready,
    int desired,
    String message,
    List<String> diagnostics,
    boolean rolledBack) {

  public DeployOutcome {
    diagnostics = List.copyOf(diagnostics);
  }

  /** Whether the caller should fail: the rollout failed or was not seen to finish. */
  public boolean failed() {
    return phase == Phase.FAILED || phase == Phase.TIMED_OUT;
  }

  /** The end of a rollout as every target reports it. */
  public enum Phase {
    /** Applied; the rollout was not followed. */
    APPLIED,
    /** Every replica is updated and ready. */
    COMPLETE,
    /** The target declared the rollout failed (e.g. its progress deadline passed). */
    FAILED,
    /** The caller's timeout passed first; the rollout goes on. */
    TIMED_OUT
  }
}
