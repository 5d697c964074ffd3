package dev.berth.runtime.sizing.bench;

import dev.berth.imagebuilder.base.BaseImageResult;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.runtime.agent.docker.ContainerMeasurer;
import dev.berth.runtime.agent.docker.MemoryRun;
import dev.berth.runtime.agent.docker.MemoryRunResult;
import dev.berth.runtime.sizing.FactSource;
import dev.berth.runtime.sizing.Injection;
import dev.berth.runtime.sizing.JvmSettings;
import dev.berth.runtime.sizing.JvmSizing;
import dev.berth.runtime.sizing.JvmVersion;
import dev.berth.runtime.sizing.SizingFacts;
import dev.berth.runtime.sizing.TooSmallException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM sizing benchmark (JVM-SIZING.md §5): every workload under every rule and limit, side by side, on the real
 * engine. Prints one table and a summary, and writes them to a file. Not a test: run it with
 * {@code scripts/bench-jvm-sizing.sh [--quick] [--reps N] [--limits 256,512,...] [--out FILE]}.
 */
public final class SizingBench {

  static final long MIB = 1L << 20;
  static final String RUN_LABEL = "berth.bench.jvm-sizing";
  private static final Pattern RESULT = Pattern.compile("bench-result cgroupPeak=(\\d+) heapMax=(\\d+)");

  /** The sizing rules compared (JVM-SIZING.md §5.3). */
  enum Rule {
    R0("Xmx=L"),
    R1("Xmx=L/1.2"),
    R2A("MaxRAM%=75"),
    R3("Paketo"),
    R5("Berth");

    final String title;

    Rule(String title) {
      this.title = title;
    }
  }

  /** A JDK cell: an image, the JDK version Berth is told, and flags that emulate another JDK. */
  record Cell(String id, String baseId, JvmVersion told, List<String> emulation, String note) {}

  /** A workload with the facts declared to Paketo and Berth alike. */
  record Workload(String id, List<String> args, int classes, int threads, long directMib, boolean netty, int agents,
      boolean overload) {}

  /** One run's outcome. */
  record Outcome(String kind, long wasteBytes, long xmxBytes) {}

  private final List<Integer> limits;
  private final int reps;
  private final int workers;
  private final boolean quick;
  private final Path out;
  private final Path classes;
  private final Path lib;
  private final Path agent;
  private final Map<String, String> images = new ConcurrentHashMap<>();
  /** Runs read from an earlier, interrupted run's {@code .runs.tsv}; their cells are not run again. */
  private final Map<String, List<Outcome>> earlier = new ConcurrentHashMap<>();

  /** Takes the runs of an earlier, interrupted run (its {@code .runs.tsv}) into this one's table. */
  void resume(Path tsv) throws Exception {
    for (String line : Files.readAllLines(tsv)) {
      String[] f = line.split("\t", -1);
      if (f.length < 7) {
        continue;
      }
      Rule rule = Arrays.stream(Rule.values()).filter(r -> r.title.equals(f[3])).findFirst().orElseThrow();
      int limit = Integer.parseInt(f[2]);
      Matcher m = RESULT.matcher(f[6]);
      long waste = m.find() ? limit * MIB - Long.parseLong(m.group(1)) : -1;
      long xmx = Long.parseLong(f[5]);
      earlier.computeIfAbsent(key(f[0], f[1], limit, rule), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(new Outcome(f[4], waste, xmx > 0 ? xmx * MIB : -1));
    }
  }

  SizingBench(List<Integer> limits, int reps, int workers, boolean quick, Path out, Path classes, Path lib,
      Path agent) {
    this.limits = limits;
    this.reps = reps;
    this.workers = workers;
    this.quick = quick;
    this.out = out;
    this.classes = classes;
    this.lib = lib;
    this.agent = agent;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int reps = 1;
    int workers = 2;
    List<Integer> limits = null;
    Path out = null;
    List<Path> resume = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--limits" -> limits = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--out" -> out = Path.of(args[++i]);
        case "--resume" -> resume.add(Path.of(args[++i]));
        default -> {
          System.err.println("unknown option " + args[i]
              + "; usage: [--quick] [--reps N] [--workers N] [--limits 256,512,...] [--out FILE] [--resume RUNS.tsv]...");
          System.exit(2);
        }
      }
    }
    if (limits == null) {
      limits = quick ? List.of(256, 512, 1024) : List.of(256, 384, 512, 768, 1024, 2048, 4096);
    }
    Path state = Path.of(System.getenv().getOrDefault("BERTH_STATE", "/var/tmp/berth"));
    if (out == null) {
      out = state.resolve("bench").resolve("jvm-sizing-" + (quick ? "quick" : "full") + ".txt");
    }
    Files.createDirectories(out.getParent());
    Path work = Files.createTempDirectory("berth-bench");
    Path classes = Path.of(BenchWorkload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path lib = Files.createDirectories(work.resolve("lib"));
    for (Class<?> c : List.of(io.netty.buffer.ByteBuf.class, io.netty.util.internal.PlatformDependent.class)) {
      Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      Files.copy(jar, lib.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path agent = Files.createDirectories(work.resolve("agent"));
    writeAgentJar(agent.resolve("bench-agent.jar"));
    for (Path p : List.of(work, lib, agent)) {
      p.toFile().setExecutable(true, false);
      p.toFile().setReadable(true, false);
    }
    try (var files = Files.list(lib)) {
      files.forEach(f -> f.toFile().setReadable(true, false));
    }
    agent.resolve("bench-agent.jar").toFile().setReadable(true, false);
    SizingBench bench = new SizingBench(limits, reps, workers, quick, out, classes, lib, agent);
    for (Path tsv : resume) {
      bench.resume(tsv);
    }
    bench.run();
  }

  private static void writeAgentJar(Path jar) throws Exception {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(new Attributes.Name("Premain-Class"), BenchAgent.class.getName());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(file, m)) {
      // The agent class itself comes from the class path the workload runs with.
    }
  }

  static List<Cell> cells(boolean quick) {
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell("17", "jre-17", null, List.of(), "JDK 17 (real)"));
    if (!quick) {
      cells.add(new Cell("25", "jre-25", null, List.of(), "JDK 25 (real; held-out cell for W8)"));
      cells.add(new Cell("8u181~", "jre-17", JvmVersion.parse("8u181"),
          List.of("-XX:-UseContainerSupport", "-XX:+UseParallelGC"),
          "EMULATED on JDK 17: a JVM that sees host memory (7, 8 < u191; 8u191+/11 on cgroup v2 before the"
              + " backports) via -XX:-UseContainerSupport, Parallel GC as on 8; Berth is told 8u181"));
    }
    return cells;
  }

  static List<Workload> workloads(String cell, boolean quick) {
    List<Workload> all = new ArrayList<>();
    all.add(new Workload("W1 heap", List.of("heap", "fill=0.9"), 1500, 10, 0, false, 0, false));
    all.add(new Workload("W1 heap 1.2x", List.of("heap", "fill=1.2"), 1500, 10, 0, false, 0, true));
    all.add(new Workload("W2 threads", List.of("threads", "n=250", "depth=500"), 1500, 250, 0, false, 0, false));
    all.add(new Workload("W2 threads 2x", List.of("threads", "n=500", "depth=500"), 1500, 250, 0, false, 0, true));
    all.add(new Workload("W3 direct", List.of("direct", "mib=-1"), 1500, 10, 64, false, 0, false));
    all.add(new Workload("W3 netty", List.of("netty", "mib=-1"), 2500, 10, 64, true, 0, false));
    all.add(new Workload("W4 metaspace", List.of("classes", "n=13500"), 15000, 10, 0, false, 0, false));
    all.add(new Workload("W4 meta 2x", List.of("classes", "n=28500"), 15000, 10, 0, false, 0, true));
    all.add(new Workload("W5 code", List.of("code", "n=4000"), 5500, 10, 0, false, 0, false));
    all.add(new Workload("W6 agent", List.of("heap", "fill=0.5"), 1500, 10, 0, false, 1, false));
    all.add(new Workload("W7 zlib", List.of("zlib", "threads=50", "seconds=3"), 1500, 60, 0, false, 0, false));
    all.add(new Workload("W8 mixed", List.of("mixed", "classes=13500", "threads=200", "direct=56", "live=0.4"), 15000,
        200, 64, false, 0, false));
    all.add(new Workload("W8 mixed 2x", List.of("mixed", "classes=28500", "threads=400", "direct=128", "live=0.8"),
        15000, 200, 64, false, 0, true));
    if (quick) {
      return all.stream().filter(w -> List.of("W1 heap", "W3 direct", "W8 mixed").contains(w.id())).toList();
    }
    if (cell.equals("25")) {
      return all.stream().filter(w -> w.id().startsWith("W8")).toList();
    }
    if (cell.equals("8u181~")) {
      return all.stream().filter(w -> List.of("W1 heap", "W8 mixed").contains(w.id())).toList();
    }
    return all;
  }

  void run() throws Exception {
    Instant started = Instant.now();
    Files.deleteIfExists(runs());
    List<Rule> rules = List.of(Rule.values());
    Map<String, List<Outcome>> results = new ConcurrentHashMap<>(earlier);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> futures = new ArrayList<>();
    String docker = "cgroup " + cgroupVersion();
    for (Cell cell : cells(quick)) {
      images.put(cell.id(), BaseImages.shared().ensure(cell.baseId()).tag());
      BaseImageResult base = BaseImages.shared().ensure(cell.baseId());
      JvmVersion version = cell.told() != null ? cell.told() : JvmVersion.parse(base.runtimeVersion());
      for (Workload w : workloads(cell.id(), quick)) {
        // Limits an earlier, resumed pass ran for this workload are completed too (their missing rules only).
        java.util.SortedSet<Integer> wanted = new java.util.TreeSet<>(limits);
        for (String k : earlier.keySet()) {
          String[] p = k.split("\\|");
          if (p[0].equals(cell.id()) && p[1].equals(w.id())) {
            wanted.add(Integer.parseInt(p[2]));
          }
        }
        for (int limit : wanted) {
          for (Rule rule : rules) {
            String done = key(cell.id(), w.id(), limit, rule);
            if (earlier.containsKey(done)) {
              continue;
            }
            for (int rep = 0; rep < reps; rep++) {
              String key = done;
              futures.add(pool.submit(() -> {
                try (ContainerMeasurer engine = ContainerMeasurer.local()) {
                  Outcome o = runOne(engine, cell, version, w, limit * MIB, rule);
                  results.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(o);
                  System.err.printf(Locale.ROOT, "%-7s %-14s %5d MiB %-10s %s%n", cell.id(), w.id(), limit,
                      rule.title, o.kind());
                } catch (Exception e) {
                  results.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                      .add(new Outcome("ERROR " + e.getMessage(), -1, -1));
                }
                return null;
              }));
            }
          }
        }
      }
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    String report = report(results, rules, Duration.between(started, Instant.now()), docker);
    System.out.println(report);
    Files.writeString(out, report);
    System.out.println("written to " + out);
  }

  Outcome runOne(ContainerMeasurer engine, Cell cell, JvmVersion version, Workload w, long limit, Rule rule)
      throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    long xmx;
    switch (rule) {
      case R0 -> {
        xmx = limit;
        env.put("JAVA_TOOL_OPTIONS", "-Xmx" + limit / MIB + "m");
      }
      case R1 -> {
        xmx = (long) (limit / 1.2) / MIB * MIB;
        env.put("JAVA_TOOL_OPTIONS", "-Xmx" + xmx / MIB + "m");
      }
      case R2A -> {
        xmx = -1;
        env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75.0");
      }
      case R3 -> {
        PaketoCalculator.Result p = PaketoCalculator.calculate(limit, w.classes(), w.threads(), w.directMib() * MIB);
        if (p == null) {
          return record(cell, w, limit, rule, new Outcome("REFUSED", -1, -1), "");
        }
        xmx = p.heapBytes();
        env.put("JAVA_TOOL_OPTIONS", p.flags());
        env.put("MALLOC_ARENA_MAX", "2");
      }
      default -> {
        SizingFacts facts = new SizingFacts(version, w.classes(), FactSource.DECLARED, w.threads(),
            FactSource.DECLARED, w.agents(), w.directMib() * MIB, w.netty(), 0, 2, 0, null, 0, 0);
        try {
          JvmSettings s = JvmSizing.settings(limit, facts, Injection.TOOL_OPTIONS);
          xmx = s.budget().xmxBytes();
          env.putAll(s.env());
        } catch (TooSmallException e) {
          return record(cell, w, limit, rule, new Outcome("REFUSED", -1, -1), "");
        }
      }
    }
    List<String> cmd = new ArrayList<>(cell.emulation());
    if (w.agents() > 0) {
      cmd.add("-javaagent:/bench/agent/bench-agent.jar");
    }
    if (w.netty()) {
      // The app's own flags that let Netty take its no-cleaner path on 9+ (JVM-SIZING.md §4.2).
      cmd.addAll(List.of("-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"));
    }
    cmd.addAll(List.of("-cp", "/bench/classes:/bench/lib/*", BenchWorkload.class.getName()));
    cmd.addAll(w.args());
    MemoryRunResult r = engine.run(new MemoryRun(images.get(cell.id()), List.of("java"), cmd, env, limit, 2,
        Map.of(classes.toString(), "/bench/classes", lib.toString(), "/bench/lib", agent.toString(), "/bench/agent"),
        Map.of(RUN_LABEL, "true"), Duration.ofSeconds(180), List.of()));
    Outcome outcome = new Outcome(classify(r), waste(r, limit), xmx);
    Matcher line = Pattern.compile("bench-result [^\\n]*").matcher(r.logs());
    return record(cell, w, limit, rule, outcome, line.find() ? line.group() : "");
  }

  private Outcome record(Cell cell, Workload w, long limit, Rule rule, Outcome outcome, String figures)
      throws Exception {
    String record = String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%s\t%d\t%s%n", cell.id(), w.id(), limit / MIB,
        rule.title, outcome.kind(), outcome.xmxBytes() / MIB, figures);
    synchronized (this) {
      Files.writeString(runs(), record, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
    return outcome;
  }

  /** One line per run: cell, workload, limit, rule, outcome, Xmx and the workload's own figures. */
  private Path runs() {
    return out.resolveSibling(out.getFileName() + ".runs.tsv");
  }

  static String classify(MemoryRunResult r) {
    String logs = r.logs();
    if (r.killed()) {
      return "KILLED";
    }
    if (r.exitCode() == 137) {
      return "SIG137";
    }
    if (logs.contains("Could not create the Java Virtual Machine") || logs.contains("Unrecognized VM option")) {
      return "START_FAIL";
    }
    Matcher oome = Pattern.compile("OutOfMemoryError: ?([^\\n]*)|OutOfDirectMemoryError").matcher(logs);
    if (oome.find()) {
      String what = oome.group(1) == null ? "direct" : oome.group(1).toLowerCase(Locale.ROOT);
      String kind = what.contains("heap") || what.contains("gc overhead") ? "heap"
          : what.contains("metaspace") ? "meta"
          : what.contains("direct") ? "direct"
          : what.contains("native thread") ? "thread"
          : "other";
      return "OOME:" + kind;
    }
    if (r.exitCode() == 0 && RESULT.matcher(logs).find()) {
      return logs.contains("CodeCache is full") ? "CODE_FULL" : "OK";
    }
    return "EXIT " + r.exitCode();
  }

  static long waste(MemoryRunResult r, long limit) {
    Matcher m = RESULT.matcher(r.logs());
    long peak = m.find() ? Long.parseLong(m.group(1)) : r.peakMemoryBytes();
    return peak > 0 ? limit - peak : -1;
  }

  private static String key(String cell, String workload, int limit, Rule rule) {
    return cell + "|" + workload + "|" + String.format(Locale.ROOT, "%05d", limit) + "|" + rule.name();
  }

  String report(Map<String, List<Outcome>> results, List<Rule> rules, Duration took, String docker) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "JVM sizing benchmark (%s): %d rep(s), limits %s MiB, %s, %s, took %d min%n",
        quick ? "--quick" : "full", reps, limits, docker, "2 CPUs per container", took.toMinutes()));
    for (Cell c : cells(quick)) {
      b.append("  cell ").append(c.id()).append(": ").append(c.note()).append('\n');
    }
    b.append("  cells: outcome (OK w=waste MiB = limit - cgroup peak), Xmx in MiB after '/';"
        + " REFUSED = the rule itself declines the limit\n\n");
    b.append(String.format(Locale.ROOT, "%-7s %-14s %6s", "JDK", "workload", "limit"));
    for (Rule r : rules) {
      b.append(String.format(Locale.ROOT, " | %-22s", r.title));
    }
    b.append('\n');
    Map<String, Map<Rule, List<Outcome>>> rows = new TreeMap<>();
    results.forEach((k, v) -> {
      String[] p = k.split("\\|");
      rows.computeIfAbsent(p[0] + "|" + p[1] + "|" + p[2], x -> new LinkedHashMap<>()).put(Rule.valueOf(p[3]), v);
    });
    for (var row : rows.entrySet()) {
      String[] p = row.getKey().split("\\|");
      b.append(String.format(Locale.ROOT, "%-7s %-14s %6d", p[0], p[1], Integer.parseInt(p[2])));
      for (Rule r : rules) {
        b.append(String.format(Locale.ROOT, " | %-22s", cellText(row.getValue().get(r))));
      }
      b.append('\n');
    }
    b.append('\n').append(summary(rows, rules));
    return b.toString();
  }

  static String cellText(List<Outcome> outcomes) {
    if (outcomes == null || outcomes.isEmpty()) {
      return "-";
    }
    Map<String, Integer> kinds = new TreeMap<>();
    List<Long> wastes = new ArrayList<>();
    for (Outcome o : outcomes) {
      kinds.merge(o.kind(), 1, Integer::sum);
      if (o.kind().equals("OK") && o.wasteBytes() >= 0) {
        wastes.add(o.wasteBytes());
      }
    }
    StringBuilder s = new StringBuilder();
    kinds.forEach((k, n) -> s.append(s.length() > 0 ? "," : "").append(k).append(n > 1 || kinds.size() > 1 ? "x" + n : ""));
    if (!wastes.isEmpty()) {
      s.append(" w=").append(median(wastes) / MIB);
    }
    long xmx = outcomes.get(0).xmxBytes();
    if (xmx > 0) {
      s.append(" /").append(xmx / MIB);
    }
    return s.toString();
  }

  static String summary(Map<String, Map<Rule, List<Outcome>>> rows, List<Rule> rules) {
    StringBuilder b = new StringBuilder("summary per rule (runs):\n");
    for (Rule r : rules) {
      Map<String, Integer> kinds = new TreeMap<>();
      for (var row : rows.values()) {
        for (Outcome o : row.getOrDefault(r, List.of())) {
          kinds.merge(o.kind().startsWith("OOME") ? o.kind() : o.kind().split(" ")[0], 1, Integer::sum);
        }
      }
      b.append(String.format(Locale.ROOT, "  %-10s %s%n", r.title, kinds));
    }
    // Criterion 2: overload never ends in a kill for Berth.
    int overloadKills = 0;
    int overloadRuns = 0;
    // Criteria 3 and 4: waste where both Paketo and Berth pass at <= 1 GiB; heap where both start.
    List<Long> wasteBerth = new ArrayList<>();
    List<Long> wastePaketo = new ArrayList<>();
    double minHeapRatio = Double.MAX_VALUE;
    String minHeapAt = "";
    for (var row : rows.entrySet()) {
      String[] p = row.getKey().split("\\|");
      int limit = Integer.parseInt(p[2]);
      List<Outcome> berth = row.getValue().getOrDefault(Rule.R5, List.of());
      List<Outcome> paketo = row.getValue().getOrDefault(Rule.R3, List.of());
      if (p[1].matches(".* [0-9.]+x")) {
        for (Outcome o : berth) {
          overloadRuns++;
          if (o.kind().equals("KILLED") || o.kind().equals("SIG137")) {
            overloadKills++;
          }
        }
      }
      boolean bothOk = !berth.isEmpty() && !paketo.isEmpty()
          && berth.stream().allMatch(o -> o.kind().equals("OK")) && paketo.stream().allMatch(o -> o.kind().equals("OK"));
      if (bothOk && limit <= 1024) {
        wasteBerth.add(median(berth.stream().map(Outcome::wasteBytes).toList()));
        wastePaketo.add(median(paketo.stream().map(Outcome::wasteBytes).toList()));
      }
      if (!berth.isEmpty() && !paketo.isEmpty() && berth.get(0).xmxBytes() > 0 && paketo.get(0).xmxBytes() > 0) {
        double ratio = (double) berth.get(0).xmxBytes() / paketo.get(0).xmxBytes();
        if (ratio < minHeapRatio) {
          minHeapRatio = ratio;
          minHeapAt = p[0] + " " + p[1] + " " + limit + " MiB";
        }
      }
    }
    int berthKills = 0;
    for (var row : rows.values()) {
      for (Outcome o : row.getOrDefault(Rule.R5, List.of())) {
        if (o.kind().equals("KILLED") || o.kind().equals("SIG137")) {
          berthKills++;
        }
      }
    }
    b.append(String.format(Locale.ROOT, "target 1, OOM-kills of Berth's rule: %d%n", berthKills));
    b.append(String.format(Locale.ROOT, "target 2, overload runs of Berth's rule ending in a kill: %d of %d%n",
        overloadKills, overloadRuns));
    if (!wasteBerth.isEmpty()) {
      long wb = median(wasteBerth);
      long wp = median(wastePaketo);
      b.append(String.format(Locale.ROOT,
          "target 3, median waste at <= 1 GiB where both pass (%d cells): Berth %d MiB, Paketo %d MiB (%.0f %% below)%n",
          wasteBerth.size(), wb / MIB, wp / MIB, 100.0 * (wp - wb) / wp));
    } else {
      b.append("target 3: no cell at <= 1 GiB where both Paketo and Berth pass\n");
    }
    b.append(String.format(Locale.ROOT, "target 4, smallest Berth/Paketo heap ratio where both start: %.2f (%s)%n",
        minHeapRatio == Double.MAX_VALUE ? Double.NaN : minHeapRatio, minHeapAt));
    return b.toString();
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }

  private static String cgroupVersion() {
    try {
      Process p = new ProcessBuilder("docker", "info", "-f", "{{.CgroupVersion}}").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return "v" + v;
    } catch (Exception e) {
      return "unknown";
    }
  }
}
