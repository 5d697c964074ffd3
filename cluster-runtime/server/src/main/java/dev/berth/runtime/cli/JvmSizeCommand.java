package dev.berth.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.imagebuilder.docker.EngineImages;
import dev.berth.runtime.agent.docker.ContainerMeasurer;
import dev.berth.runtime.agent.docker.MemoryRun;
import dev.berth.runtime.agent.docker.MemoryRunResult;
import dev.berth.runtime.probe.ProbeJar;
import dev.berth.runtime.sizing.HeapSizer;
import dev.berth.runtime.sizing.MeasuredFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.sizing.BudgetTerm;
import dev.berth.runtime.sizing.FactSource;
import dev.berth.runtime.sizing.GarbageCollector;
import dev.berth.runtime.sizing.HeapBudget;
import dev.berth.runtime.sizing.Injection;
import dev.berth.runtime.sizing.JvmSettings;
import dev.berth.runtime.sizing.JvmSizing;
import dev.berth.runtime.sizing.JvmVersion;
import dev.berth.runtime.sizing.LimitBudget;
import dev.berth.runtime.sizing.LimitSizer;
import dev.berth.runtime.sizing.SizingFacts;
import dev.berth.runtime.sizing.TooSmallException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth jvm-size}: a container limit becomes JVM flags ({@code --limit}), or a legacy {@code -Xmx} becomes a
 * container limit ({@code --xmx}), with every term of the budget (JVM-SIZING.md §4).
 */
@Command(
    name = "jvm-size",
    mixinStandardHelpOptions = true,
    description = {
      "Size a JVM for a container: --limit gives the flags, --xmx gives the limit, each with its breakdown.",
      "Facts come from --image (its dev.berth.* labels on the local engine) and/or the options below;",
      "options win over labels.",
      "",
      "Exit codes: 0 sized; 1 the limit is too small (every term and the smallest limit are printed);",
      "2 bad arguments."
    })
public final class JvmSizeCommand implements Callable<Integer> {

  static final int TOO_SMALL = 1;
  private static final long MIB = 1L << 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Direction direction;

  static final class Direction {
    @Option(names = "--limit", paramLabel = "SIZE", description = "Container memory limit, e.g. 512Mi: print flags")
    String limit;

    @Option(names = "--xmx", paramLabel = "SIZE", description = "The app's own -Xmx, e.g. 1g: print the limit")
    String xmx;
  }

  @Option(names = "--image", paramLabel = "IMG", description = "Read facts from this image's labels (local engine)")
  String image;

  @Option(names = "--jdk", paramLabel = "VERSION", description = "Runtime JDK, e.g. 17.0.15, 8u372, 1.8.0_372")
  String jdk;

  @Option(names = "--classes", paramLabel = "N",
      description = "Class entries of app + libraries + agents (loaded = 0.35 x (JDK + N))")
  Integer classEntries;

  @Option(names = "--loaded-classes", paramLabel = "N", description = "Classes the JVM loads, as measured")
  Integer loadedClasses;

  @Option(names = "--threads", paramLabel = "N", description = "Peak application threads (default 250)")
  Integer threads;

  @Option(names = "--agents", paramLabel = "N", description = "Number of -javaagents")
  Integer agents;

  @Option(names = "--direct", paramLabel = "SIZE", description = "Direct memory budget (default 32Mi)")
  String direct;

  @Option(names = "--netty", description = "The app uses Netty: direct = max(64Mi, 10% of limit)")
  boolean netty;

  @Option(names = "--code-cache", paramLabel = "SIZE", description = "Code cache budget, as measured")
  String codeCache;

  @Option(names = "--cpus", paramLabel = "N", description = "CPU limit of the container (default 2)")
  Integer cpus;

  @Option(names = "--gc", paramLabel = "GC", description = "The app's collector: serial, parallel or g1")
  String gc;

  @Option(names = "--xss", paramLabel = "SIZE", description = "The app's own -Xss")
  String xss;

  @Option(names = "--live-set", paramLabel = "SIZE", description = "Live heap: the heap must hold 1.5 x it")
  String liveSet;

  @Option(names = "--override-command-line",
      description = "Memory flags in _JAVA_OPTIONS, to beat a start script's own -Xmx")
  boolean override;

  @Option(names = "--json", description = "Machine-readable output")
  boolean json;

  @Option(names = "--measure",
      description = "Measure mode: run --image once under --limit with a probe agent, then size from the peaks")
  boolean measure;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
      description = "Measure mode: stop the run after this many seconds (default ${DEFAULT-VALUE}); drive it meanwhile")
  int durationSeconds;

  @Option(names = "--publish", paramLabel = "PORT", split = ",",
      description = "Measure mode: publish these container ports on 127.0.0.1 (same number) to drive the app")
  List<Integer> publish = new ArrayList<>();

  @CommandLine.Parameters(paramLabel = "CMD", arity = "0..*",
      description = "Measure mode: command to run instead of the image's own")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SizingFacts facts;
    try {
      facts = facts();
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    Injection injection = override ? Injection.OVERRIDE_COMMAND_LINE : Injection.TOOL_OPTIONS;
    if (measure) {
      if (image == null || direction.limit == null) {
        err.println("ERROR --measure needs --image IMG and --limit SIZE (a generous limit, e.g. 2x the expected one)");
        return CommandLine.ExitCode.USAGE;
      }
      return measure(out, err, facts, bytes("--limit", direction.limit), injection);
    }
    if (direction.limit != null) {
      long limit = bytes("--limit", direction.limit);
      JvmSettings settings;
      try {
        settings = JvmSizing.settings(limit, facts, injection);
      } catch (TooSmallException e) {
        if (json) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("error", "too-small");
          body.put("limitBytes", e.limitBytes());
          body.put("heapBytes", e.heapBytes());
          body.put("minimumHeapBytes", e.minimumHeapBytes());
          body.put("smallestLimitBytes", e.smallestLimitBytes());
          body.put("terms", e.terms());
          out.println(write(body));
        }
        err.println(e.getMessage());
        return TOO_SMALL;
      }
      if (json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limitBytes", limit);
        body.put("xmxBytes", settings.budget().xmxBytes());
        body.put("gc", settings.budget().gc().displayName());
        body.put("flags", settings.flags());
        body.put("env", settings.env());
        body.put("terms", settings.budget().terms());
        body.put("warnings", settings.budget().warnings());
        body.put("facts", facts);
        out.println(write(body));
      } else {
        printFlags(out, settings, facts);
      }
      return 0;
    }
    long xmx = bytes("--xmx", direction.xmx);
    LimitBudget result = LimitSizer.limitFor(xmx, facts);
    JvmSettings settings = JvmSizing.render(result.budget(), facts, injection);
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("xmxBytes", xmx);
      body.put("requestBytes", result.requestBytes());
      body.put("limitBytes", result.limitBytes());
      body.put("heapAtLimitBytes", result.budget().xmxBytes());
      body.put("gc", result.budget().gc().displayName());
      body.put("terms", result.budget().terms());
      body.put("flagsAtLimit", settings.flags());
      body.put("facts", facts);
      out.println(write(body));
    } else {
      out.printf(Locale.ROOT, "-Xmx of %s needs memory request = limit = %s (%.2f x the heap)%n", mib(xmx),
          mib(result.limitBytes()), (double) result.limitBytes() / xmx);
      out.printf(Locale.ROOT, "  at that limit Berth's own sizing would give -Xmx%s%n", mib(result.budget().xmxBytes()));
      printTerms(out, result.budget(), facts);
    }
    return 0;
  }

  /** Measure mode (JVM-SIZING.md §4.9): one run with the probe, then sizing from measured facts. */
  private int measure(PrintWriter out, PrintWriter err, SizingFacts facts, long limit, Injection injection)
      throws Exception {
    JvmSettings run;
    try {
      run = JvmSizing.settings(limit, facts, injection);
    } catch (TooSmallException e) {
      err.println(e.getMessage());
      return TOO_SMALL;
    }
    Path dir = Files.createTempDirectory("berth-measure");
    MemoryRunResult result;
    try {
      Path jar = ProbeJar.write(dir);
      dir.toFile().setExecutable(true, false);
      jar.toFile().setReadable(true, false);
      Map<String, String> env = new LinkedHashMap<>(run.env());
      String agent = "-javaagent:/berth-probe/" + ProbeJar.FILE_NAME;
      String tool = env.get(JvmSettings.JAVA_TOOL_OPTIONS);
      env.put(JvmSettings.JAVA_TOOL_OPTIONS, tool == null ? agent : tool + " " + agent);
      err.printf(Locale.ROOT, "measuring %s under %s for up to %d s; drive it now%n", image, mib(limit),
          durationSeconds);
      try (ContainerMeasurer engine = ContainerMeasurer.local()) {
        result = engine.run(new MemoryRun(image, List.of(), command, env, limit, 0,
            Map.of(dir.toString(), "/berth-probe"), Map.of("berth.measure", "true"),
            Duration.ofSeconds(durationSeconds), publish));
      }
    } finally {
      Files.deleteIfExists(dir.resolve(ProbeJar.FILE_NAME));
      Files.deleteIfExists(dir);
    }
    if (result.killed()) {
      err.println("ERROR the measure run was OOM-killed under " + mib(limit) + "; rerun with a larger --limit");
      return TOO_SMALL;
    }
    MeasuredFacts measured;
    try {
      measured = MeasuredFacts.parse(result.logs());
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + e.getMessage() + " (exit " + result.exitCode() + ")");
      return CommandLine.ExitCode.SOFTWARE;
    }
    SizingFacts sized = measured.applyTo(facts).withLiveSet(measured.heapPeakBytes() * 2 / 3);
    long smallest = LimitSizer.limitFor(HeapSizer.minimumHeap(sized), sized).limitBytes();
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("measured", measured);
      body.put("exitCode", result.exitCode());
      body.put("engineCgroupPeakBytes", result.peakMemoryBytes());
      body.put("facts", sized);
      body.put("smallestLimitBytes", smallest);
      out.println(write(body));
      return 0;
    }
    out.printf(Locale.ROOT, "measured (exit %d%s): cgroup peak %s, %,d classes, %d threads, direct %s, mapped %s,"
            + " code cache %s, metaspace %s, heap %s%n",
        result.exitCode(), result.stopped() ? ", stopped after the duration" : "",
        mib(Math.max(measured.cgroupPeakBytes(), result.peakMemoryBytes())), measured.loadedClasses(),
        measured.peakThreads(), mib(measured.directPeakBytes()), mib(measured.mappedPeakBytes()),
        mib(measured.codeCachePeakBytes()), mib(measured.metaspacePeakBytes()), mib(measured.heapPeakBytes()));
    out.printf(Locale.ROOT, "smallest limit for the measured facts (heap >= 1.5 x its peak): %s%n", mib(smallest));
    out.println("facts for the spec: jvm.loadedClasses=" + sized.loadedClasses() + " jvm.threads=" + sized.threads()
        + " jvm.directMemory=" + mib(sized.directBytes()) + " (peaks x " + MeasuredFacts.MARGIN + ")");
    printFlags(out, JvmSizing.render(HeapSizer.size(smallest, sized), sized, injection), sized);
    return 0;
  }

  private void printFlags(PrintWriter out, JvmSettings settings, SizingFacts facts) {
    HeapBudget b = settings.budget();
    out.printf(Locale.ROOT, "limit %s: heap %s (%s), %s%n", mib(b.limitBytes()), mib(b.xmxBytes()),
        b.gc().displayName(), facts.version() == null ? "JDK unknown: only flags every JDK 7-25 accepts"
            : "JDK " + facts.version());
    out.println("flags: " + String.join(" ", settings.flags()));
    settings.env().forEach((k, v) -> out.println("env " + k + "=" + v));
    printTerms(out, b, facts);
    b.warnings().forEach(w -> out.println("warning: " + w));
  }

  private static void printTerms(PrintWriter out, HeapBudget b, SizingFacts facts) {
    out.println("breakdown:");
    out.printf(Locale.ROOT, "  %-12s %7s  %-26s%n", "heap", mib(b.xmxBytes()), "-Xmx");
    for (BudgetTerm t : b.terms()) {
      out.printf(Locale.ROOT, "  %-12s %7s  %-26s %s%n", t.name(), mib(t.bytes()), t.cap(), t.basis());
    }
    out.printf(Locale.ROOT, "  %-12s %7s%n", "total", mib(b.xmxBytes() + b.nonHeapBytes()));
  }

  private SizingFacts facts() {
    AppFacts base = AppFacts.none();
    if (image != null) {
      base = labels(image);
    }
    if (jdk != null) {
      base = base.withJdkVersion(jdk);
    }
    if (classEntries != null) {
      base = withClasses(base, classEntries);
    }
    int cpuCount = cpus == null ? 0 : cpus;
    if (cpus != null && cpus < 1) {
      throw new IllegalArgumentException("--cpus " + cpus + " must be at least 1");
    }
    SizingFacts facts = SizingFacts.from(base, cpuCount * 1000L);
    if (base.jdkVersion() == null && base.jdkRuntime() == null) {
      throw new IllegalArgumentException(
          "the runtime JDK is unknown; pass --jdk VERSION (e.g. 17.0.15, 8u372) or --image with dev.berth.jdk labels");
    }
    if (loadedClasses != null) {
      facts = facts.withClasses(nonNegative("--loaded-classes", loadedClasses), FactSource.MEASURED);
    }
    if (threads != null) {
      facts = facts.withThreads(nonNegative("--threads", threads), FactSource.DECLARED);
    }
    if (agents != null) {
      facts = facts.withAgentsAndCpus(nonNegative("--agents", agents), facts.cpus());
    }
    if (direct != null || netty) {
      facts = facts.withDirect(direct == null ? 0 : bytes("--direct", direct), netty);
    }
    if (codeCache != null) {
      facts = facts.withCodeCache(bytes("--code-cache", codeCache));
    }
    if (gc != null || xss != null) {
      facts = facts.withRuntimeFlags(gc == null ? null : GarbageCollector.parse(gc),
          xss == null ? 0 : bytes("--xss", xss));
    }
    if (liveSet != null) {
      facts = facts.withLiveSet(bytes("--live-set", liveSet));
    }
    return facts;
  }

  private static AppFacts labels(String ref) {
    Optional<EngineImages.EngineImage> found;
    try (EngineImages engine = EngineImages.local()) {
      found = engine.inspect(ref);
    } catch (Exception e) {
      throw new IllegalArgumentException("--image " + ref + ": the local Docker engine did not answer ("
          + e.getMessage() + "); start it, or pass the facts as options");
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("--image " + ref + " is not on the local engine; build or pull it first");
    }
    return FactLabels.fromLabels(found.get().labels());
  }

  private static AppFacts withClasses(AppFacts f, int classes) {
    nonNegative("--classes", classes);
    return new AppFacts(f.stack(), f.jdkFloor(), f.jdkRuntime(), f.jdkVersion(), classes, f.threads(),
        f.javaagents(), f.legacyXmx(), f.port(), f.health(), f.writableDirs());
  }

  private static int nonNegative(String option, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(option + " " + value + " must not be negative");
    }
    return value;
  }

  private static long bytes(String option, String text) {
    try {
      return ByteSize.parse(option, text);
    } catch (SpecValidationException e) {
      throw new IllegalArgumentException(option + " '" + text + "' is not a memory size; expected e.g. 512Mi, 1g");
    }
  }

  private static String mib(long bytes) {
    return Math.floorDiv(bytes, MIB) + "Mi";
  }

  private static String write(Object value) throws Exception {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }
}
