package dev.berth.jenkins.cluster;

import java.util.LinkedHashMap;

/**
 * How a deploy ended.
 *
 * @param app the app's name
 * @param namespace its namespace
 * @param revision the revision applied (or the rollout's, once it finished)
 * @param outcome how it ended
 * @param ready ready replicas when it ended
 * @param desired desired replicas
 * @param durationMs from the apply to the end
 * @param message the rollout's last message
 * @param target where the app was deployed: {@code berth} or {@code kubernetes}
 */
public record DeployResult(
    String app, String namespace, long revision, Outcome outcome, int ready, int desired, long durationMs,
    String message, String target) {

  public DeployResult {
    target = target == null || target.isEmpty() ? "berth" : target;
  }

  /** How a deploy ended. */
  public enum Outcome {
    /** Applied; the rollout was not followed. */
    APPLIED,
    /** The rollout completed. */
    SUCCEEDED,
    /** The rollout failed. */
    FAILED,
    /** The rollout failed and the spec that ran before it was applied again ({@code rollbackOnFailure}). */
    ROLLED_BACK,
    /** The timeout passed first; the rollout goes on. */
    TIMED_OUT
  }

  /** The map {@code berthDeploy} returns: String, Long and Boolean values only. */
  public LinkedHashMap<String, Object> toMap() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("app", app);
    m.put("namespace", namespace);
    m.put("revision", revision);
    m.put("outcome", outcome.name());
    m.put("ready", (long) ready);
    m.put("desired", (long) desired);
    m.put("durationMs", durationMs);
    m.put("message", message == null ? "" : message);
    m.put("target", target);
    return m;
  }

  /** One line for the log and for a failed build; names the target unless it is the Berth cluster. */
  public String summary() {
    return namespace + "/" + app + (target.equals("berth") ? "" : " on " + target) + " revision " + revision + ": " + outcome + ", " + ready + "/" + desired
        + " ready after " + (durationMs / 1000) + " s" + (message == null || message.isEmpty() ? "" : " - " + message);
  }
}
