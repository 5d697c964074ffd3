package dev.berth.jenkins.actions;

import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The dashboard's JSON, made from the master's own status records ({@code GET /v1/apps}) plus the ledger's build
 * links: one row per app, values String, Long, Boolean, list or map only, as {@code HttpResponses.okJSON} takes.
 */
public final class DashboardData {

  private DashboardData() {}

  /**
   * The JSON of {@code <root>/berth/apps}.
   *
   * @param apps the master's apps
   * @param deploys the ledger's entries by {@link DeployLedger#key}
   * @param buildUrl the URL of a ledger entry's build when the current user may read it, else {@code null}
   */
  public static LinkedHashMap<String, Object> of(List<AppStatus> apps, Map<String, DeployLedger.Entry> deploys,
      Function<DeployLedger.Entry, String> buildUrl) {
    ArrayList<Object> rows = new ArrayList<>();
    for (AppStatus app : apps) {
      rows.add(row(app, deploys.get(DeployLedger.key(app.spec().namespace(), app.spec().name())), buildUrl));
    }
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("apps", rows);
    return m;
  }

  /** The JSON when the master cannot be asked: no rows, and the reason. */
  public static LinkedHashMap<String, Object> error(String message) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("apps", new ArrayList<>());
    m.put("error", message);
    return m;
  }

  /** One word for an app's replicas: HEALTHY, DEGRADED (some ready), DOWN (none ready) or STOPPED (none wanted). */
  public static String health(AppStatus app) {
    if (app.desired() == 0) {
      return "STOPPED";
    }
    if (app.ready() >= app.desired()) {
      return "HEALTHY";
    }
    return app.ready() > 0 ? "DEGRADED" : "DOWN";
  }

  private static LinkedHashMap<String, Object> row(AppStatus app, DeployLedger.Entry deploy,
      Function<DeployLedger.Entry, String> buildUrl) {
    LinkedHashMap<String, Object> r = new LinkedHashMap<>();
    r.put("namespace", app.spec().namespace());
    r.put("app", app.spec().name());
    r.put("image", app.spec().image() == null ? "" : app.spec().image());
    r.put("revision", app.revision());
    r.put("desired", (long) app.desired());
    r.put("running", (long) app.running());
    r.put("ready", (long) app.ready());
    r.put("health", health(app));
    r.put("rollout", app.rollout() == null ? "NONE" : app.rollout().phase());
    r.put("rolloutMessage", app.rollout() == null ? "" : app.rollout().message());
    TreeSet<String> nodes = new TreeSet<>();
    for (ReplicaStatus replica : app.replicas()) {
      if (replica.node() != null && !replica.node().isEmpty()) {
        nodes.add(replica.node());
      }
    }
    r.put("nodes", new ArrayList<>(nodes));
    if (deploy != null) {
      LinkedHashMap<String, Object> d = new LinkedHashMap<>();
      d.put("atMs", deploy.atMs());
      d.put("outcome", deploy.outcome());
      d.put("revision", deploy.revision());
      String url = buildUrl.apply(deploy);
      // A build the user may not read is not named at all (JENKINS.md §4.2).
      if (url != null) {
        d.put("build", deploy.build());
        d.put("url", url);
      }
      r.put("lastDeploy", d);
    }
    return r;
  }
}
