package dev.berth.jenkins.actions;

import dev.berth.jenkins.cluster.MasterConnection;
import dev.berth.jenkins.cluster.MasterConnectionException;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.status.AppStatus;
import hudson.Extension;
import hudson.model.RootAction;
import hudson.model.Run;
import hudson.util.HttpResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.verb.GET;

/**
 * The root dashboard at {@code <root>/berth/}: the master's apps with revision, replicas, health, nodes and the last
 * deploying build. The page is a static table filled by {@code js/dashboard.js} from {@code <root>/berth/apps}.
 */
@Extension
public final class BerthDashboardAction implements RootAction {

  /** The dashboard's URL segment under Jenkins' root. */
  public static final String URL_NAME = "berth";

  /** Serves {@link #data} to users with Overall/Read; the master comes from {@link BerthConfiguration}. */
  @GET
  public HttpResponse doApps() {
    Jenkins.get().checkPermission(Jenkins.READ);
    return HttpResponses.okJSON(data(BerthConfiguration.controllerSettings(), DeployLedger.onController().read()));
  }

  /** The dashboard's JSON: the master's apps, or the reason it could not be asked (never the token). */
  static LinkedHashMap<String, Object> data(Map<String, String> env, Map<String, DeployLedger.Entry> deploys) {
    List<AppStatus> apps;
    MasterConnection master;
    try {
      master = MasterConnection.from(Map.of(), env);
    } catch (MasterConnectionException e) {
      return DashboardData.error(e.getMessage());
    }
    try {
      apps = master.client().apps();
    } catch (BerthApiException e) {
      return DashboardData.error("cannot list the Berth master's apps: " + e.getMessage());
    }
    return DashboardData.of(apps, deploys, BerthDashboardAction::readableBuildUrl);
  }

  /** The build's URL if the current user may read it; {@code null} when it is gone or hidden. */
  private static String readableBuildUrl(DeployLedger.Entry entry) {
    try {
      Run<?, ?> run = Run.fromExternalizableId(entry.externalizableId());
      return run == null ? null : run.getUrl();
    } catch (RuntimeException e) {
      // Unknown job, malformed id or access denied: the row shows no build.
      return null;
    }
  }

  @Override
  public String getIconFileName() {
    return "symbol-cube";
  }

  @Override
  public String getDisplayName() {
    return "Berth apps";
  }

  @Override
  public String getUrlName() {
    return URL_NAME;
  }
}
