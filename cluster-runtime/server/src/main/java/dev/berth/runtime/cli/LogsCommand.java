package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs APP [--replica ID] [--tail N]}: the last lines of an app's replicas. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the last log lines of an app's replicas.")
public final class LogsCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "APP", description = "The app's name")
  String app;

  @Option(names = "--replica", paramLabel = "ID", description = "Only this replica (its id, or the end of it)")
  String replica;

  @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "Lines per replica (default: ${DEFAULT-VALUE})")
  int tail;

  @Override
  int run() throws BerthApiException {
    out().print(cluster.client().logs(cluster.namespace, app, replica, tail));
    out().flush();
    return 0;
  }
}
