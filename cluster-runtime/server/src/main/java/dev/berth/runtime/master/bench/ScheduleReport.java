package dev.berth.runtime.master.bench;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.master.bench.ScheduleBench.Result;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link ScheduleBench} result beside RUNTIME.md's targets and anchors: a table, and one JSON line per metric. */
public final class ScheduleReport {

  /** T1's target, placements per second. */
  static final double T1_TARGET = 5000;
  /** T2's target, submit → acknowledged p99 in ms. */
  static final double T2_TARGET_MS = 50;
  /** T6's target, the master's resident set in MiB. */
  static final double T6_TARGET_MIB = 512;

  static final String WHAT_IS_SIMULATED =
      "Simulated: nodes run inside the master's JVM (no Kryonet, no Docker, no separate agent JVM as RUNTIME.md"
          + " §6.2 plans) and report each replica RUNNING the moment they receive it. Real: the durable store"
          + " (fsync before each acknowledged write), the app controller, scheduler, node sync, liveness sweep and"
          + " the inbox path node reports take.";

  private ScheduleReport() {}

  /** One line of the table. */
  private record Row(String target, String metric, String berth, String goal, String verdict, String anchors) {}

  /** The side-by-side table, as Markdown. */
  public static String table(Result r) {
    List<Row> rows = new ArrayList<>();
    ScheduleBench.Throughput t = r.throughput();
    if (t != null) {
      rows.add(new Row("T1", "placements/s (persisted + acknowledged)", String.format(Locale.ROOT, "%.0f/s", t.rate()),
          "≥ 5,000/s (stretch 10,000)", verdict(t.rate() >= T1_TARGET),
          "kube-scheduler floor 5000Nodes_50000Pods 810/s (scheduler only); Nomad C1M ≈3,750/s, C2M ≈1,500/s"));
      rows.add(new Row("T1", "apply → placement persisted, p50 / p99", millis(t.persisted()), "–", "", ""));
      rows.add(new Row("T1", "apply → acknowledged, p50 / p99", millis(t.acknowledged()), "–", "", ""));
    }
    ScheduleBench.Footprint f = r.footprint();
    rows.add(new Row("T6", "master RSS (VmRSS) at " + r.config().nodes() + " nodes / " + f.tasks() + " tasks",
        f.rssBytes() < 0 ? "n/a" : mib(f.rssBytes()), "≤ 512 MiB", f.rssBytes() < 0 ? "" : verdict(
            f.rssBytes() / 1048576.0 <= T6_TARGET_MIB),
        "K8s cluster overhead ≥ 2 cores / 4 GB"));
    rows.add(new Row("T6", "heap used after System.gc()", mib(f.heapUsedBytes()), "–", "", ""));
    ScheduleBench.Churn c = r.churn();
    if (c != null) {
      String load = String.format(Locale.ROOT, " at %.0f/s", c.rate());
      rows.add(new Row("T2", "submit → placement persisted" + load + ", p50 / p99", millis(c.persisted()), "–", "", ""));
      rows.add(new Row("T2", "submit → acknowledged" + load + ", p50 / p99", millis(c.acknowledged()),
          "p99 ≤ 50 ms", verdict(c.acknowledged().p99Millis() <= T2_TARGET_MS),
          "Swarm classic p99 400 ms (incl. docker run); K8s pod start p99 ≤ 5 s"));
    }
    StringBuilder out = new StringBuilder();
    out.append("| # | metric | Berth | target | | anchors |\n|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.target()).append(" | ").append(row.metric()).append(" | **").append(row.berth())
          .append("** | ").append(row.goal()).append(" | ").append(row.verdict()).append(" | ")
          .append(row.anchors()).append(" |\n");
    }
    return out.toString();
  }

  /** The run's facts around the table: nodes, timings, errors. */
  public static String summary(Result r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%d nodes (%d m CPU, %s each) joined in %.1f s%n",
        r.config().nodes(), r.config().nodeCpuMillis(), mib(r.config().nodeMemoryBytes()), r.joinSeconds()));
    ScheduleBench.Throughput t = r.throughput();
    if (t != null) {
      out.append(String.format(Locale.ROOT,
          "throughput: %d replicas in %d apps (%s CPU, %s memory each): applies returned after %.2f s, last"
              + " placement persisted at %.2f s, last acknowledgement at %.2f s%n",
          t.tasks(), r.config().apps(), r.config().taskResources().cpu(), r.config().taskResources().memory(),
          t.appliedSeconds(), t.persistedSeconds(), t.seconds()));
    }
    ScheduleBench.Churn c = r.churn();
    if (c != null) {
      out.append(String.format(Locale.ROOT,
          "churn: %d one-replica apps due at %.0f/s, applied at %.1f/s by %d concurrent callers, with %d replicas"
              + " already placed; latencies count from each submission's due time%n",
          c.submitted(), c.rate(), c.achievedRate(), ScheduleBench.SUBMITTERS, r.footprint().tasks()));
    }
    out.append(String.format(Locale.ROOT, "nodes declared down: %d, master errors logged: %d%n", r.nodesDown(),
        r.masterErrors()));
    out.append(WHAT_IS_SIMULATED).append('\n');
    return out.toString();
  }

  /** One JSON object per metric (RUNTIME.md §6.2.1), one per line. */
  public static List<String> jsonLines(Result r) {
    Map<String, Object> env = environment(r);
    List<String> lines = new ArrayList<>();
    ScheduleBench.Throughput t = r.throughput();
    if (t != null) {
      lines.add(metric("T1", "placements_per_second", t.rate(), "1/s", ">= 5000", t.rate() >= T1_TARGET,
          List.of(
              anchor("kube-scheduler SchedulingBasic/5000Nodes_50000Pods floor (scheduler only)", 810, "1/s",
                  "k/k test/integration/scheduler_perf/misc/performance-config.yaml"),
              anchor("Nomad C1M", 3750, "1/s", "https://www.hashicorp.com/c1m"),
              anchor("Nomad C2M", 1500, "1/s", "https://www.hashicorp.com/c2m")), env));
      lines.add(metric("T1", "apply_to_persisted_p50", t.persisted().p50Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T1", "apply_to_persisted_p99", t.persisted().p99Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T1", "apply_to_ack_p50", t.acknowledged().p50Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T1", "apply_to_ack_p99", t.acknowledged().p99Millis(), "ms", null, null, List.of(), env));
    }
    ScheduleBench.Footprint f = r.footprint();
    lines.add(metric("T6", "master_rss", f.rssBytes() / 1048576.0, "MiB", "<= 512", f.rssBytes() >= 0
            && f.rssBytes() / 1048576.0 <= T6_TARGET_MIB,
        List.of(anchor("Kubernetes cluster overhead", 4096, "MiB", "k/c sig-scalability/goals.md")), env));
    lines.add(metric("T6", "master_heap_after_gc", f.heapUsedBytes() / 1048576.0, "MiB", null, null, List.of(), env));
    ScheduleBench.Churn c = r.churn();
    if (c != null) {
      lines.add(metric("T2", "submit_to_persisted_p50", c.persisted().p50Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T2", "submit_to_persisted_p99", c.persisted().p99Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T2", "submit_to_ack_p50", c.acknowledged().p50Millis(), "ms", null, null, List.of(), env));
      lines.add(metric("T2", "submit_to_ack_p99", c.acknowledged().p99Millis(), "ms", "<= 50",
          c.acknowledged().p99Millis() <= T2_TARGET_MS,
          List.of(
              anchor("Swarm classic scheduling delay p99, incl. docker run", 400, "ms",
                  "https://www.docker.com/blog/scale-testing-docker-swarm-30000-containers/"),
              anchor("Kubernetes pod startup SLO p99", 5000, "ms", "k/c sig-scalability/slos/slos.md")), env));
    }
    return lines;
  }

  private static String metric(
      String target, String name, double value, String unit, String goal, Boolean met, List<Map<String, Object>> anchors,
      Map<String, Object> env) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bench", "schedule");
    m.put("target", target);
    m.put("metric", name);
    m.put("value", Math.round(value * 10) / 10.0);
    m.put("unit", unit);
    if (goal != null) {
      m.put("goal", goal);
      m.put("met", met);
    }
    if (!anchors.isEmpty()) {
      m.put("anchors", anchors);
    }
    m.put("env", env);
    return ApiJson.toJson(m);
  }

  private static Map<String, Object> anchor(String name, double value, String unit, String source) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("value", value);
    a.put("unit", unit);
    a.put("source", source);
    return a;
  }

  private static Map<String, Object> environment(Result r) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("memory_mib", totalMemoryMib());
    env.put("java", System.getProperty("java.version"));
    env.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
    env.put("nodes", r.config().nodes());
    env.put("tasks", r.config().tasks());
    env.put("load_average", loadAverage());
    env.put("simulated", "in-process nodes, no Kryonet, no Docker");
    return env;
  }

  /** The 1-minute load average, or -1 where {@code /proc} is missing. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long totalMemoryMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no figure.
    }
    return -1;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String millis(Latencies l) {
    return String.format(Locale.ROOT, "%.1f / %.1f ms", l.p50Millis(), l.p99Millis());
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
