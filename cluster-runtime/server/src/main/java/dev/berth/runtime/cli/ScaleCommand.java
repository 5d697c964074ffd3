package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.status.ApplyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth scale APP N}: sets an app's replica count. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Set the number of replicas of an app.")
public final class ScaleCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "APP", description = "The app's name")
  String app;

  @Parameters(index = "1", paramLabel = "REPLICAS", description = "The new replica count")
  int replicas;

  @Override
  int run() throws BerthApiException {
    ApplyResult r = cluster.client().scale(cluster.namespace, app, replicas);
    out().println("app " + r.app() + " " + r.outcome() + " to " + replicas + " replicas");
    return 0;
  }
}
