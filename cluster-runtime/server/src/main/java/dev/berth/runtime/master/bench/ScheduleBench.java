package dev.berth.runtime.master.bench;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.Resources;
import dev.berth.runtime.controller.AppWriter;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Placement throughput and latency of the master (RUNTIME.md T1, T2, T6). Starts the real master — durable store in
 * a temporary folder (fsync before every acknowledged write), app controller, scheduler, node sync, liveness sweep,
 * HTTP API — exactly as {@code berth master} composes it, with {@link SimulatedAgents} as its node transport. Then:
 *
 * <ol>
 *   <li>throughput: applies apps whose replicas total {@code tasks} through the master's {@link AppWriter} (what the
 *       HTTP API calls), back to back, and waits until every replica is placed, persisted and acknowledged;
 *   <li>footprint: heap used after a full GC and the process's VmRSS, with the tasks still placed;
 *   <li>churn: with those tasks still placed, applies one-replica apps at a fixed rate and times each from submit
 *       to its placement persisted and to its acknowledgement.
 * </ol>
 *
 * <p>What is simulated: nodes are in-process (no Kryonet frames, no Docker, no separate JVM) and report a replica
 * {@code RUNNING} as soon as they receive it. Everything on the master's side is the production code.
 */
public final class ScheduleBench {

  /** The image the benchmark's apps name; nothing pulls it. */
  static final String IMAGE = "bench/sim:1";
  private static final String THROUGHPUT_PREFIX = "t1-";
  private static final String CHURN_PREFIX = "t2-";
  private static final int LOGGED_FAILURES = 10;
  /** Threads applying churn apps, as concurrent API clients would. */
  static final int SUBMITTERS = 4;

  /**
   * What to run.
   *
   * @param nodes simulated nodes
   * @param tasks replicas in the throughput run (0 skips it)
   * @param apps apps the tasks are spread over (each at most {@link AppSpec#MAX_REPLICAS})
   * @param churnRate one-replica apps applied per second in the churn run (0 skips it)
   * @param churnSeconds how long the churn run submits
   * @param nodeCpuMillis each node's CPU
   * @param nodeMemoryBytes each node's memory
   * @param taskResources each replica's request
   * @param timeout how long a phase may take before the benchmark gives up on it
   */
  public record Config(
      int nodes, int tasks, int apps, double churnRate, int churnSeconds, long nodeCpuMillis, long nodeMemoryBytes,
      Resources taskResources, Duration timeout) {

    public Config {
      require(nodes >= 1, "nodes", nodes, "at least 1");
      require(tasks >= 0, "tasks", tasks, "0 or more");
      require(apps >= 1 && apps <= Math.max(1, tasks), "apps", apps, "from 1 to the number of tasks");
      require(
          tasks == 0 || (tasks + apps - 1) / apps <= AppSpec.MAX_REPLICAS, "apps", apps,
          "enough apps that none has more than " + AppSpec.MAX_REPLICAS + " replicas (tasks / 1000 or more)");
      require(churnRate >= 0 && churnRate <= 10_000, "churn", churnRate, "0 to 10000 apps per second");
      require(churnSeconds >= 1, "seconds", churnSeconds, "at least 1");
      long perNode = (long) Math.ceil((tasks + churnRate * churnSeconds) / nodes) + 1;
      require(
          perNode * taskResources.cpuMillis() <= nodeCpuMillis
              && perNode * taskResources.memoryBytes() <= nodeMemoryBytes,
          "tasks", tasks, "no more tasks than the nodes hold (" + perNode + " per node needed, with the churn's); add --nodes,"
              + " or lower --tasks, --churn, --task-cpu or --task-memory");
    }

    private static void require(boolean ok, String option, Object value, String expected) {
      if (!ok) {
        throw new IllegalArgumentException("--" + option + " " + value + ": expected " + expected);
      }
    }
  }

  /**
   * The throughput run.
   *
   * @param tasks replicas placed
   * @param seconds from the first apply to the last acknowledgement
   * @param appliedSeconds from the first apply until the last apply returned
   * @param persistedSeconds from the first apply until the last placement was persisted
   * @param persisted apply → placement persisted, per replica
   * @param acknowledged apply → acknowledged, per replica
   */
  public record Throughput(
      int tasks, double seconds, double appliedSeconds, double persistedSeconds, Latencies persisted,
      Latencies acknowledged) {

    /** Placements per second, each persisted and acknowledged. */
    public double rate() {
      return tasks / seconds;
    }
  }

  /**
   * The churn run.
   *
   * @param rate apps (one replica each) due per second
   * @param submitted apps submitted
   * @param achievedRate apply calls per second actually made (below {@code rate} when applies block their callers)
   * @param persisted due time of the submission → placement persisted
   * @param acknowledged due time of the submission → acknowledged
   */
  public record Churn(double rate, int submitted, double achievedRate, Latencies persisted, Latencies acknowledged) {}

  /**
   * Memory after the throughput run.
   *
   * @param heapUsedBytes heap in use after {@code System.gc()}
   * @param rssBytes the process's resident set ({@code VmRSS}), or -1 where {@code /proc} is missing
   * @param tasks replicas held by the master then
   */
  public record Footprint(long heapUsedBytes, long rssBytes, int tasks) {}

  /**
   * A whole run.
   *
   * @param config what was run
   * @param joinSeconds time for every node to join and be ready
   * @param throughput the throughput run, or {@code null} when skipped
   * @param footprint memory after it
   * @param churn the churn run, or {@code null} when skipped
   * @param nodesDown nodes the master declared down during the run (should be 0: a starved machine shows here)
   * @param masterErrors failures the master logged (reconcile or sync errors)
   */
  public record Result(
      Config config, double joinSeconds, Throughput throughput, Footprint footprint, Churn churn, int nodesDown,
      int masterErrors) {}

  private final Config config;
  private final PrintWriter progress;

  /**
   * @param progress where progress lines and the first master errors go
   */
  public ScheduleBench(Config config, PrintWriter progress) {
    this.config = config;
    this.progress = progress;
  }

  /**
   * Runs every phase.
   *
   * @throws IOException when the temporary state folder cannot be made
   * @throws BenchTimeoutException when a phase does not finish within the configured timeout
   */
  public Result run() throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("berth-bench-schedule");
    SimulatedAgents agents = new SimulatedAgents();
    FailureLog failures = new FailureLog(progress);
    MasterMain master =
        MasterMain.start(
            new MasterConfig(state, "127.0.0.1", 0, 0, "bench"), agents.factory(),
            new PrintStream(failures, true, StandardCharsets.UTF_8));
    PersistedPlacements placements = new PersistedPlacements();
    try {
      master.store().watch(placements);
      double joinSeconds = join(master, agents);
      Throughput throughput = config.tasks() == 0 ? null : throughput(master, agents, placements);
      agents.forgetAssignments();
      placements.restart(key -> key.startsWith("default/" + CHURN_PREFIX));
      Footprint footprint = footprint(master.store().snapshot().replicas().size());
      Churn churn = config.churnRate() == 0 ? null : churn(master, agents, placements);
      int down = (int) master.store().snapshot().nodes().values().stream().filter(n -> !n.ready()).count();
      return new Result(config, joinSeconds, throughput, footprint, churn, down, failures.lines());
    } finally {
      placements.close();
      awaitQuiet(master);
      try {
        master.close();
      } catch (RuntimeException e) {
        // The figures are taken; a failed shutdown only costs the temporary folder's tidiness.
        progress.println("master: close failed: " + e);
      }
      agents.close();
      deleteTree(state);
    }
  }

  /**
   * Waits (at most 5 s) until the store has not changed for 300 ms: closing the master interrupts its controllers,
   * and an interrupt during the store's fsync closes the store's file under it.
   */
  private static void awaitQuiet(MasterMain master) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    long revision = master.store().snapshot().revision();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < until && System.nanoTime() - stableSince < 300_000_000L) {
      Thread.sleep(20);
      long now = master.store().snapshot().revision();
      if (now != revision) {
        revision = now;
        stableSince = System.nanoTime();
      }
    }
  }

  private double join(MasterMain master, SimulatedAgents agents) throws InterruptedException {
    long t0 = System.nanoTime();
    agents.join(config.nodes(), config.nodeCpuMillis(), config.nodeMemoryBytes());
    // Every node is ready and has had its (empty) first assignment, so the run starts from a quiet master.
    await(
        "nodes to join",
        () -> readyNodes(master) == config.nodes() && agents.nodesAssigned() == config.nodes(),
        () -> readyNodes(master) + "/" + config.nodes() + " nodes ready, " + agents.nodesAssigned() + " assigned");
    double seconds = (System.nanoTime() - t0) / 1e9;
    progress.printf(Locale.ROOT, "%d simulated nodes joined in %.1f s%n", config.nodes(), seconds);
    progress.flush();
    return seconds;
  }

  private static int readyNodes(MasterMain master) {
    int n = 0;
    for (Node node : master.store().snapshot().nodes().values()) {
      if (node.state() == NodeState.READY) {
        n++;
      }
    }
    return n;
  }

  private Throughput throughput(MasterMain master, SimulatedAgents agents, PersistedPlacements placements)
      throws InterruptedException {
    List<AppSpec> specs = new ArrayList<>();
    int base = config.tasks() / config.apps();
    int extra = config.tasks() % config.apps();
    for (int i = 0; i < config.apps(); i++) {
      specs.add(spec(String.format(Locale.ROOT, THROUGHPUT_PREFIX + "%05d", i), base + (i < extra ? 1 : 0)));
    }
    placements.restart(key -> key.startsWith("default/" + THROUGHPUT_PREFIX));
    progress.printf(Locale.ROOT, "throughput: applying %d apps, %d replicas in all%n", specs.size(), config.tasks());
    progress.flush();
    Map<String, Long> appliedAt = new ConcurrentHashMap<>();
    AppWriter writer = master.writer();
    long t0 = System.nanoTime();
    for (AppSpec spec : specs) {
      appliedAt.put(spec.key(), System.nanoTime());
      writer.apply(spec);
    }
    long applied = System.nanoTime();
    await(
        "every replica to be placed, persisted and acknowledged",
        () -> placements.placed() >= config.tasks() && agents.acknowledged() >= config.tasks()
            && placements.backlog() == 0,
        () -> placements.placed() + " persisted, " + agents.acknowledged() + " acknowledged of " + config.tasks());
    return measured(t0, applied, appliedAt, placements.appsByReplica(), placements::placedAt, agents::acknowledgedAt);
  }

  /**
   * The throughput figures from the recorded times (all {@link System#nanoTime}).
   *
   * @param t0 the first apply
   * @param applied when the last apply returned
   * @param appliedAt app key → when its apply was called
   * @param appOf replica id → its app's key, for every replica placed
   */
  static Throughput measured(
      long t0, long applied, Map<String, Long> appliedAt, Map<String, String> appOf,
      Function<String, Long> persistedAt, Function<String, Long> acknowledgedAt) {
    int n = appOf.size();
    long[] persisted = new long[n];
    long[] acked = new long[n];
    long lastPersisted = t0;
    long lastAck = t0;
    int i = 0;
    for (Map.Entry<String, String> e : appOf.entrySet()) {
      long start = appliedAt.get(e.getValue());
      long p = persistedAt.apply(e.getKey());
      Long a = acknowledgedAt.apply(e.getKey());
      if (a == null) {
        throw new IllegalStateException("replica " + e.getKey() + " was placed but never acknowledged");
      }
      persisted[i] = p - start;
      acked[i] = a - start;
      lastPersisted = Math.max(lastPersisted, p);
      lastAck = Math.max(lastAck, a);
      i++;
    }
    return new Throughput(
        n, (lastAck - t0) / 1e9, (applied - t0) / 1e9, (lastPersisted - t0) / 1e9, Latencies.of(persisted),
        Latencies.of(acked));
  }

  private Churn churn(MasterMain master, SimulatedAgents agents, PersistedPlacements placements)
      throws InterruptedException {
    int count = (int) Math.round(config.churnRate() * config.churnSeconds());
    progress.printf(
        Locale.ROOT, "churn: %d one-replica apps at %.0f/s for %d s%n", count, config.churnRate(),
        config.churnSeconds());
    progress.flush();
    Map<String, Long> submittedAt = new ConcurrentHashMap<>();
    AppWriter writer = master.writer();
    // Open loop, as clients arrive: each submission is due at its own time, whatever the earlier ones cost.
    ScheduledExecutorService submitters = Executors.newScheduledThreadPool(SUBMITTERS);
    AtomicInteger done = new AtomicInteger();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    long periodNanos = (long) (1e9 / config.churnRate());
    long t0 = System.nanoTime();
    Map<String, Long> calledAt = new ConcurrentHashMap<>();
    for (int i = 0; i < count; i++) {
      AppSpec spec = spec(String.format(Locale.ROOT, CHURN_PREFIX + "%05d", i), 1);
      // Latency counts from when the submission was due, not from when a busy submitter got to it, so a master
      // that holds up its callers is not flattered (no coordinated omission).
      submittedAt.put(spec.key(), t0 + i * periodNanos);
      submitters.schedule(
          () -> {
            try {
              calledAt.put(spec.key(), System.nanoTime());
              writer.apply(spec);
            } catch (RuntimeException e) {
              failed.compareAndSet(null, e);
            } finally {
              done.incrementAndGet();
            }
          },
          i * periodNanos, TimeUnit.NANOSECONDS);
    }
    await("every churn submission to be made", () -> done.get() == count, () -> done.get() + "/" + count + " submitted");
    long lastSubmit = calledAt.values().stream().max(Long::compare).orElse(t0);
    submitters.shutdown();
    if (failed.get() != null) {
      throw failed.get();
    }
    await(
        "every churn replica to be placed, persisted and acknowledged",
        // The size check first: counting acknowledgements walks every churn replica.
        () -> placements.placed() >= count && acknowledged(agents, submittedAt.keySet(), placements) >= count,
        () -> placements.placed() + " persisted of " + count);
    long[] persisted = new long[count];
    long[] acked = new long[count];
    int i = 0;
    for (Map.Entry<String, String> e : placements.appsByReplica().entrySet()) {
      Long submitted = submittedAt.get(e.getValue());
      if (submitted == null) {
        continue;
      }
      persisted[i] = placements.placedAt(e.getKey()) - submitted;
      acked[i] = agents.acknowledgedAt(e.getKey()) - submitted;
      i++;
    }
    double achieved = count <= 1 ? config.churnRate() : (count - 1) / ((lastSubmit - t0) / 1e9);
    return new Churn(
        config.churnRate(), count, achieved, Latencies.of(Arrays.copyOf(persisted, i)),
        Latencies.of(Arrays.copyOf(acked, i)));
  }

  private static int acknowledged(SimulatedAgents agents, Set<String> apps, PersistedPlacements placements) {
    int n = 0;
    for (Map.Entry<String, String> e : placements.appsByReplica().entrySet()) {
      if (apps.contains(e.getValue()) && agents.acknowledgedAt(e.getKey()) != null) {
        n++;
      }
    }
    return n;
  }

  private AppSpec spec(String name, int replicas) {
    return new AppSpec(
        name, null, IMAGE, replicas, List.of(), List.of(), config.taskResources(), null, null, null, null, null, null,
        null, null, null);
  }

  private static Footprint footprint(int tasks) {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new Footprint(heap, rssBytes(), tasks);
  }

  /** This process's VmRSS from {@code /proc/self/status}, or -1 where there is none. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or an unreadable status: report no figure.
    }
    return -1;
  }

  private void await(String what, BooleanSupplier done, Supplier<String> state)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + config.timeout().toNanos();
    long nextReport = start + 5_000_000_000L;
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new BenchTimeoutException(
            "gave up waiting for " + what + " after " + config.timeout().toSeconds() + " s: " + state.get());
      }
      if (now > nextReport) {
        progress.printf(Locale.ROOT, "  %.0f s: %s%n", (now - start) / 1e9, state.get());
        progress.flush();
        nextReport = now + 5_000_000_000L;
      }
      // Timestamps are taken where things happen, not here: polling slower costs no accuracy, only CPU the
      // master would otherwise get.
      Thread.sleep(20);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A phase of the benchmark did not finish in time. */
  public static final class BenchTimeoutException extends RuntimeException {
    BenchTimeoutException(String message) {
      super(message);
    }
  }

  /** The master's log: counts lines and passes the first few on. */
  private static final class FailureLog extends OutputStream {
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private int lines;

    FailureLog(PrintWriter out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) {
      if (b != '\n') {
        line.append((char) b);
        return;
      }
      lines++;
      if (lines <= LOGGED_FAILURES) {
        out.println("master: " + line);
        out.flush();
      }
      line.setLength(0);
    }

    synchronized int lines() {
      return lines;
    }
  }
}
