package dev.berth.jenkins.cluster;

import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app's status as the map {@code berthStatus} returns: String, Long and Boolean values only, which sandboxed
 * scripts read without approval and which pass Jenkins' class filter.
 */
public final class StatusResult {

  private StatusResult() {}

  /** Keys: app, namespace, revision, desired, running, healthy, ready, rollout, rolloutMessage. */
  public static LinkedHashMap<String, Object> of(AppStatus status) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("app", status.spec().name());
    m.put("namespace", status.spec().namespace());
    m.put("revision", status.revision());
    m.put("desired", (long) status.desired());
    m.put("running", (long) status.running());
    m.put("healthy", (long) status.ready());
    RolloutStatus rollout = status.rollout();
    m.put("ready", status.desired() > 0 && status.ready() >= status.desired());
    m.put("rollout", rollout == null ? "NONE" : rollout.phase());
    m.put("rolloutMessage", rollout == null ? "" : rollout.message());
    return m;
  }

  /** One log line summing the status up. */
  public static String summary(Map<String, Object> result) {
    return result.get("namespace") + "/" + result.get("app") + " revision " + result.get("revision") + ": "
        + result.get("healthy") + "/" + result.get("desired") + " healthy, " + result.get("running")
        + " running, rollout " + result.get("rollout");
  }
}
