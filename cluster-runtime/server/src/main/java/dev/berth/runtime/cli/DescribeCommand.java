package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;

import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.PlacementFailure;
import dev.berth.runtime.api.status.ReplicaStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth describe APP}: everything about one app: replicas with node, health, restarts, last exit code and
 * OOMKilled, why pending, last log lines of crashed replicas, the rollout and recent events.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Show an app in detail: replicas, nodes, health, last exit, OOMKilled, why pending, last logs, events.")
public final class DescribeCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "APP", description = "The app's name")
  String app;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table, json or yaml")
  String output;

  @Override
  int run() throws BerthApiException {
    OutputFormat format = OutputFormats.parse(output);
    AppStatus s = cluster.client().app(cluster.namespace, app);
    if (format != OutputFormat.TABLE) {
      out().println(format.render(s));
      return 0;
    }
    print(out(), s, Instant.now());
    return 0;
  }

  static void print(PrintWriter out, AppStatus s, Instant now) {
    out.printf("App:        %s/%s%n", s.spec().namespace(), s.spec().name());
    out.printf("Image:      %s%n", s.spec().image());
    out.printf("Revision:   %d%n", s.revision());
    out.printf("Replicas:   %d desired, %d running, %d ready%n", s.desired(), s.running(), s.ready());
    out.printf("Resources:  %s memory, %s CPU per replica%n", s.spec().resources().memory(), s.spec().resources().cpu());
    String jvmSizing = s.replicas().stream().map(ReplicaStatus::jvmSizing).filter(j -> !j.isEmpty()).distinct()
        .sorted().collect(Collectors.joining("; "));
    if (!jvmSizing.isEmpty()) {
      out.printf("JVM flags:  from %s%n", jvmSizing);
    }
    out.printf("Rollout:    %s - %s%n", s.rollout().phase(), s.rollout().message());
    out.println();
    out.printf(Locale.ROOT, "%-28s %-14s %-10s %-9s %-8s %-5s %-4s %s%n",
        "REPLICA", "NODE", "PHASE", "HEALTH", "RESTARTS", "EXIT", "OOM", "ENDPOINT");
    for (ReplicaStatus r : s.replicas()) {
      String endpoint =
          r.hostPorts().isEmpty() || r.address() == null
              ? "-"
              : r.hostPorts().entrySet().stream()
                  .map(e -> r.address() + ":" + e.getValue() + "->" + e.getKey())
                  .collect(Collectors.joining(","));
      out.printf(Locale.ROOT, "%-28s %-14s %-10s %-9s %-8d %-5s %-4s %s%n",
          r.id(), r.node() == null ? "-" : r.node(), r.phase(), r.health(), r.restarts(),
          r.lastExitCode() == null ? "-" : r.lastExitCode(), r.oomKilled() ? "yes" : "no", endpoint);
    }
    for (ReplicaStatus r : s.replicas()) {
      PlacementFailure p = r.pending();
      if (p != null) {
        out.println();
        out.printf("Why %s is pending (attempt %d): %s%n", r.id(), p.attempts(), p.summary());
        p.nodes().forEach(n -> out.printf("  %-20s %-20s %s%n", n.node(), n.reason(), n.detail()));
      }
      boolean ended = r.phase() == ReplicaStatus.Phase.CRASH_LOOP || r.phase() == ReplicaStatus.Phase.FAILED;
      if (ended || (!r.message().isEmpty() && p == null)) {
        out.println();
        out.printf("%s: %s%s%n", r.id(), r.message().isEmpty() ? r.phase().toString().toLowerCase(Locale.ROOT) : r.message(),
            r.nextRestartAt() == null ? "" : "; restart in " + Math.max(0, Duration.between(now, r.nextRestartAt()).toMillis()) / 1000.0 + " s");
      }
      if (!r.lastLogLines().isEmpty() && (ended || r.lastExitCode() != null)) {
        out.printf("Last log lines of %s:%n", r.id());
        r.lastLogLines().stream().skip(Math.max(0, r.lastLogLines().size() - 20)).forEach(l -> out.println("  | " + l));
      }
    }
    if (!s.events().isEmpty()) {
      out.println();
      out.println("Events:");
      s.events().stream().skip(Math.max(0, s.events().size() - 15))
          .forEach(e -> out.printf("  %s  %-7s %-16s %s%n", e.time(), e.type(), e.reason(), e.message()));
    }
    out.flush();
  }

}
