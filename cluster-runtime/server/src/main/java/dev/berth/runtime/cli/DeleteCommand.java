package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth delete APP}: removes an app; its replicas are stopped. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an app; its containers are stopped and removed.")
public final class DeleteCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "APP", description = "The app's name")
  String app;

  @Override
  int run() throws BerthApiException {
    cluster.client().delete(cluster.namespace, app);
    out().println("app " + cluster.namespace + "/" + app + " deleted");
    return 0;
  }
}
