package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.Millicores;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.NodeStatus;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth get [APP|nodes]}: apps (or one app, or the nodes) as a table, JSON or YAML. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "List apps with their ready replicas and rollout; `get APP` shows one, `get nodes` the nodes.")
public final class GetCommand extends ClusterCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "APP|nodes", description = "One app, or `nodes`")
  String what;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table, json or yaml")
  String output;

  @Override
  int run() throws BerthApiException {
    OutputFormat format = OutputFormats.parse(output);
    if ("nodes".equals(what)) {
      List<NodeStatus> nodes = cluster.client().nodes();
      if (format != OutputFormat.TABLE) {
        out().println(format.render(nodes));
        return 0;
      }
      out().printf(Locale.ROOT, "%-20s %-8s %-16s %-14s %-20s %s%n", "NODE", "STATE", "ADDRESS", "CPU", "MEMORY", "REPLICAS");
      for (NodeStatus n : nodes) {
        out().printf(
            Locale.ROOT, "%-20s %-8s %-16s %-14s %-20s %d%n", n.id(), n.state(), n.address(),
            Millicores.format(n.cpuAllocatedMillis()) + "/" + Millicores.format(n.cpuMillis()),
            ByteSize.format(n.memoryAllocatedBytes()) + "/" + ByteSize.format(n.memoryBytes()), n.replicas());
      }
      return 0;
    }
    List<AppStatus> apps =
        what == null ? cluster.client().apps() : List.of(cluster.client().app(cluster.namespace, what));
    if (format != OutputFormat.TABLE) {
      out().println(format.render(what == null ? apps : apps.get(0)));
      return 0;
    }
    out().printf(Locale.ROOT, "%-24s %-12s %-8s %-9s %-12s %s%n", "APP", "NAMESPACE", "READY", "REVISION", "ROLLOUT", "IMAGE");
    for (AppStatus a : apps) {
      out().printf(
          Locale.ROOT, "%-24s %-12s %-8s %-9d %-12s %s%n", a.spec().name(), a.spec().namespace(),
          a.ready() + "/" + a.desired(), a.revision(), a.rollout().phase(), a.spec().image());
    }
    return 0;
  }
}
