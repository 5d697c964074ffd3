package dev.berth.runtime.cli;

import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.Millicores;
import dev.berth.runtime.api.spec.Resources;
import dev.berth.runtime.master.bench.ScheduleBench;
import dev.berth.runtime.master.bench.ScheduleReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth bench-schedule}: placement throughput, latency under churn and the master's footprint (RUNTIME.md T1,
 * T2, T6), on the real master with simulated in-process nodes.
 */
@Command(
    name = "bench-schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: start Berth's master (durable store with fsync, controllers, scheduler) in this JVM with",
      "simulated in-process nodes (no Kryonet, no Docker) that acknowledge every replica they are assigned;",
      "apply apps totalling --tasks replicas and time them until placed, persisted and acknowledged (T1), then",
      "measure heap and RSS (T6), then apply one-replica apps at --churn per second (T2). Prints the figures",
      "beside RUNTIME.md's targets and anchors, and one JSON line per metric.",
      "JVM flags go in BERTH_JAVA_OPTS, e.g. BERTH_JAVA_OPTS=-Xmx1g ./berth bench-schedule"
    })
public final class BenchScheduleCommand implements Callable<Integer> {

  @Option(names = "--nodes", paramLabel = "N", description = "Simulated nodes (default 5000; 500 with --quick)")
  Integer nodes;

  @Option(names = "--tasks", paramLabel = "N", description = "Replicas in the throughput run, 0 to skip it (default 50000; 5000 with --quick)")
  Integer tasks;

  @Option(names = "--apps", paramLabel = "N", description = "Apps the tasks are spread over (default: tasks / 100)")
  Integer apps;

  @Option(names = "--churn", paramLabel = "RATE", defaultValue = "100", description = "One-replica apps applied per second in the churn run, 0 to skip it (default: ${DEFAULT-VALUE})")
  double churn;

  @Option(names = "--seconds", paramLabel = "S", description = "How long the churn run submits (default 10; 5 with --quick)")
  Integer seconds;

  @Option(names = "--node-cpu", defaultValue = "4", description = "Each node's CPU (default: ${DEFAULT-VALUE} cores)")
  String nodeCpu;

  @Option(names = "--node-memory", defaultValue = "16Gi", description = "Each node's memory (default: ${DEFAULT-VALUE})")
  String nodeMemory;

  @Option(names = "--task-cpu", defaultValue = "50m", description = "Each replica's CPU (default: ${DEFAULT-VALUE})")
  String taskCpu;

  @Option(names = "--task-memory", defaultValue = "64Mi", description = "Each replica's memory (default: ${DEFAULT-VALUE})")
  String taskMemory;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds a phase may take before the run gives up (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--quick", description = "500 nodes, 5,000 tasks, 5 s of churn: a fast check (for CI)")
  boolean quick;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table and the JSON lines to FILE")
  Path outFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int n = nodes != null ? nodes : quick ? 500 : 5000;
    int t = tasks != null ? tasks : quick ? 5000 : 50000;
    int a = apps != null ? apps : Math.max(1, (t + 99) / 100);
    int s = seconds != null ? seconds : quick ? 5 : 10;
    ScheduleBench.Config config;
    try {
      config =
          new ScheduleBench.Config(
              n, t, a, churn, s, Millicores.parse("--node-cpu", nodeCpu),
              ByteSize.parse("--node-memory", nodeMemory),
              new Resources(taskMemory, taskCpu), Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    out.printf(Locale.ROOT, "bench-schedule %s, load average %.2f, max heap %d MiB%n", Instant.now(),
        ScheduleReport.loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
    out.flush();
    ScheduleBench.Result result;
    try {
      result = new ScheduleBench(config, out).run();
    } catch (ScheduleBench.BenchTimeoutException e) {
      spec.commandLine().getErr().println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
    String table = ScheduleReport.table(result);
    String summary = ScheduleReport.summary(result);
    String json = String.join("\n", ScheduleReport.jsonLines(result)) + "\n";
    out.println();
    out.print(summary);
    out.printf(Locale.ROOT, "load average at the end %.2f%n%n", ScheduleReport.loadAverage());
    out.print(table);
    out.println();
    out.print(json);
    out.flush();
    if (outFile != null) {
      Files.writeString(outFile, summary + "\n" + table + "\n" + json);
    }
    return CommandLine.ExitCode.OK;
  }
}
