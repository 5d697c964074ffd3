package dev.berth.runtime.agent.sync;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ContainerStartException;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.agent.container.PullReference;
import dev.berth.runtime.agent.health.HealthMonitor;
import dev.berth.runtime.model.ContainerPort;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import dev.berth.runtime.sizing.ContainerEnvironment;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Makes the node's engine run exactly its assignment, on one thread, level-based: each pass lists the containers
 * labelled with this node, keeps those whose replica, revision and attempt match, removes the rest, starts what is
 * missing, and reports. Containers found at start (an agent restart) are adopted as they are, not restarted.
 */
public final class AssignmentSync implements AutoCloseable {

  private static final int LOG_LINES = 100;
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ContainerRuntime runtime;
  private final String nodeId;
  private final Path filesDir;
  private final Map<String, String> extraLabels;
  private final Consumer<List<ReplicaObservation>> reports;
  private final HealthMonitor health;
  private final ScheduledExecutorService worker;
  private final ScheduledExecutorService probes;
  private final java.util.concurrent.ExecutorService starters;
  private final ScheduledExecutorService sampler;
  private final Map<String, dev.berth.runtime.agent.container.ContainerUsage> usage = new ConcurrentHashMap<>();
  private final AtomicReference<NodeAssignment> assignment = new AtomicReference<>();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Map<String, List<String>> endLogs = new ConcurrentHashMap<>();
  private final Map<String, ReplicaObservation> failedStarts = new ConcurrentHashMap<>();
  private final ImageLabelSizing jvmSizing;
  private final PrintStream log;
  private volatile List<ReplicaObservation> lastReport;
  private volatile long lastReportAt;
  private volatile boolean forceReport;
  private volatile boolean acceptAnyGeneration;
  private Closeable events;

  /**
   * @param filesDir where config files are written before they are bind-mounted
   * @param extraLabels put on every container (e.g. a test run's label)
   * @param reports receives the complete report after each pass that changed it, and at least every 5 s
   */
  public AssignmentSync(ContainerRuntime runtime, String nodeId, Path filesDir, Map<String, String> extraLabels,
      Consumer<List<ReplicaObservation>> reports) {
    this(runtime, nodeId, filesDir, extraLabels, reports, System.err);
  }

  /** As above, logging the images whose labels size replicas here to {@code log}. */
  public AssignmentSync(ContainerRuntime runtime, String nodeId, Path filesDir, Map<String, String> extraLabels,
      Consumer<List<ReplicaObservation>> reports, PrintStream log) {
    this.runtime = runtime;
    this.jvmSizing = new ImageLabelSizing(runtime, nodeId, ContainerEnvironment.sized(), log);
    this.log = log;
    this.nodeId = nodeId;
    this.filesDir = filesDir;
    this.extraLabels = Map.copyOf(extraLabels);
    this.reports = reports;
    this.health = new HealthMonitor(runtime);
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-agent-sync"));
    this.probes = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-agent-probes"));
    this.starters = Executors.newFixedThreadPool(4, r -> daemon(r, "berth-agent-start"));
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-agent-stats"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the periodic pass, the engine-event subscription and the probes. */
  public void start() {
    worker.scheduleWithFixedDelay(this::pass, 1000, 1000, TimeUnit.MILLISECONDS);
    probes.scheduleWithFixedDelay(() -> {
      if (health.probeDue(Instant.now())) {
        trigger();
      }
    }, 200, 200, TimeUnit.MILLISECONDS);
    // Resource use is sampled on its own thread: one engine sample takes 1-2 s per container.
    sampler.scheduleWithFixedDelay(this::sampleUsage, 2, 10, TimeUnit.SECONDS);
    // Engine events make exits and starts visible at once instead of at the next periodic pass.
    events = runtime.subscribe(Map.of(ContainerLabels.NODE, nodeId), this::trigger);
  }

  private void sampleUsage() {
    try {
      List<ReplicaObservation> current = lastReport;
      if (current == null) {
        return;
      }
      java.util.Set<String> running = new java.util.HashSet<>();
      for (ReplicaObservation o : current) {
        if (o.state() == ReplicaState.RUNNING) {
          running.add(o.containerId());
          runtime.usage(o.containerId()).ifPresent(u -> usage.put(o.containerId(), u));
        }
      }
      usage.keySet().retainAll(running);
    } catch (RuntimeException e) {
      // A failed sample leaves the last one; the next round tries again.
    }
  }

  /** Takes a new assignment unless an applied one is newer, and converges soon. */
  public void assign(NodeAssignment next) {
    boolean any = acceptAnyGeneration;
    acceptAnyGeneration = false;
    assignment.accumulateAndGet(next, (a, b) -> any || a == null || b.generation() >= a.generation() ? b : a);
    trigger();
  }

  /**
   * After a (re)join: sends the next report even when nothing changed, since the master needs the full picture, and
   * accepts the next assignment whatever its generation.
   */
  public void reportNow() {
    // Generations count per master run: after a reconnect (perhaps to a restarted master) the first one wins.
    acceptAnyGeneration = true;
    forceReport = true;
    trigger();
  }

  private void trigger() {
    if (queued.compareAndSet(false, true)) {
      worker.execute(this::pass);
    }
  }

  private void pass() {
    queued.set(false);
    try {
      converge();
    } catch (RuntimeException e) {
      System.err.println("berth agent " + nodeId + ": converge failed: " + e.getMessage());
    }
  }

  /** One level-based pass. Before the first assignment arrives nothing is touched (containers are adopted). */
  private void converge() {
    NodeAssignment want = assignment.get();
    if (want == null) {
      return;
    }
    Map<String, ReplicaAssignment> wanted = new LinkedHashMap<>();
    want.replicas().forEach(r -> wanted.put(r.replicaId(), r));
    Map<String, ContainerStatus> have = new HashMap<>();
    for (ContainerStatus c : runtime.list(Map.of(ContainerLabels.NODE, nodeId))) {
      String replica = c.labels().get(ContainerLabels.REPLICA);
      ReplicaAssignment r = replica == null ? null : wanted.get(replica);
      boolean current = r != null
          && String.valueOf(r.revision()).equals(c.labels().get(ContainerLabels.REVISION))
          && String.valueOf(r.attempt()).equals(c.labels().get(ContainerLabels.ATTEMPT));
      if (current && !have.containsKey(replica)) {
        have.put(replica, c);
      } else {
        runtime.remove(c.id());
        endLogs.remove(c.id());
        if (replica != null) {
          deleteFiles(filesDir.resolve(replica + "-" + c.labels().get(ContainerLabels.ATTEMPT)));
        }
      }
    }
    List<ReplicaObservation> report = new ArrayList<>();
    Map<String, java.util.concurrent.Future<ReplicaObservation>> starting = new LinkedHashMap<>();
    for (ReplicaAssignment r : wanted.values()) {
      ContainerStatus c = have.get(r.replicaId());
      String failedKey = r.replicaId() + "#" + r.revision() + "#" + r.attempt();
      if (c != null) {
        report.add(observe(r, c));
      } else if (failedStarts.containsKey(failedKey)) {
        report.add(failedStarts.get(failedKey));
      } else {
        // Starts run side by side: one engine call takes ~1 s, and a replaced node's replicas arrive together.
        starting.put(failedKey, starters.submit(() -> create(r)));
      }
    }
    for (Map.Entry<String, java.util.concurrent.Future<ReplicaObservation>> e : starting.entrySet()) {
      ReplicaObservation started;
      try {
        started = e.getValue().get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException ex) {
        throw new IllegalStateException("starting a container failed: " + ex.getCause(), ex.getCause());
      }
      if (started.state() == ReplicaState.START_FAILED || started.state() == ReplicaState.IMAGE_MISSING) {
        failedStarts.put(e.getKey(), started);
      }
      report.add(started);
    }
    failedStarts.keySet().removeIf(k -> !wanted.containsKey(k.substring(0, k.indexOf('#'))));
    health.retain(report.stream().map(ReplicaObservation::containerId).collect(java.util.stream.Collectors.toSet()));
    send(report);
  }

  private void send(List<ReplicaObservation> report) {
    long now = System.nanoTime();
    if (forceReport || !report.equals(lastReport) || now - lastReportAt > REPORT_EVERY_NANOS) {
      forceReport = false;
      lastReport = List.copyOf(report);
      lastReportAt = now;
      reports.accept(lastReport);
    }
  }

  private ReplicaObservation create(ReplicaAssignment r) {
    try {
      // A spec without JVM facts is sized here, from the image's labels, before the container is created.
      ImageLabelSizing.Sized sized = jvmSizing.environment(r);
      String id;
      try {
        id = runtime.start(request(r, sized));
      } catch (ContainerStartException e) {
        if (!e.imageMissing() || !pulled(r)) {
          throw e;
        }
        // Sized again: the labels arrived with the image.
        id = runtime.start(request(r, jvmSizing.environment(r)));
      }
      return runtime.inspect(id).map(c -> observe(r, c))
          .orElse(ended(r, ReplicaState.START_FAILED, "container " + id + " vanished after start"));
    } catch (ContainerStartException e) {
      if (e.imageMissing()) {
        return ended(r, ReplicaState.IMAGE_MISSING, e.getMessage());
      }
      // A created container that failed to start is listed next pass; its error is the report until then.
      return ended(r, ReplicaState.START_FAILED, e.getMessage());
    } catch (ImageLabelSizing.SizingFailedException e) {
      return ended(r, ReplicaState.START_FAILED, e.getMessage());
    } catch (IOException e) {
      return ended(r, ReplicaState.START_FAILED, "writing config files failed: " + e.getMessage());
    }
  }

  /**
   * Pulls the replica's missing image when its reference names a registry (as a kubelet pulls with IfNotPresent);
   * false for a bare name, which is never pulled, so it stays image missing.
   */
  private boolean pulled(ReplicaAssignment r) throws ContainerStartException {
    PullReference ref;
    try {
      ref = PullReference.parse(r.image());
    } catch (IllegalArgumentException e) {
      throw new ContainerStartException(e.getMessage(), true, e);
    }
    if (!ref.namesRegistry()) {
      return false;
    }
    long started = System.nanoTime();
    log.println("pulling " + r.image() + " for " + r.namespace() + "/" + r.app() + " replica " + r.replicaId());
    runtime.pull(r.image());
    log.println("pulled " + r.image() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return true;
  }

  private ContainerRequest request(ReplicaAssignment r, ImageLabelSizing.Sized sized) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>(r.labels());
    if (sized.source() != null) {
      labels.put(ContainerLabels.JVM_SIZING, sized.source());
    }
    labels.putAll(extraLabels);
    labels.put(ContainerLabels.MANAGED, "true");
    labels.put(ContainerLabels.NODE, nodeId);
    labels.put(ContainerLabels.APP, r.namespace() + "/" + r.app());
    labels.put(ContainerLabels.REPLICA, r.replicaId());
    labels.put(ContainerLabels.REVISION, String.valueOf(r.revision()));
    labels.put(ContainerLabels.ATTEMPT, String.valueOf(r.attempt()));
    Map<String, String> binds = new LinkedHashMap<>();
    Path dir = filesDir.resolve(r.replicaId() + "-" + r.attempt());
    for (Map.Entry<String, String> f : r.configFiles().entrySet()) {
      Path host = dir.resolve(f.getKey().substring(1));
      Files.createDirectories(host.getParent());
      Files.writeString(host, f.getValue());
      binds.put(host.toAbsolutePath().toString(), f.getKey());
    }
    List<String> env = new ArrayList<>();
    sized.env().forEach((k, v) -> env.add(k + "=" + v));
    List<Integer> ports = new ArrayList<>();
    for (ContainerPort p : r.ports()) {
      ports.add("udp".equals(p.protocol()) ? -p.containerPort() : p.containerPort());
    }
    // Names carry the node so two nodes' engines never collide in tests that share one engine.
    String name = "berth-" + nodeId + "-" + r.replicaId().replace('/', '-') + "-" + r.attempt();
    return new ContainerRequest(name, r.image(), r.command(), r.args(), env, labels, r.memoryLimitBytes(),
        r.cpuMillis(), ports, binds);
  }

  private ReplicaObservation ended(ReplicaAssignment r, ReplicaState state, String message) {
    return new ReplicaObservation(r.replicaId(), r.revision(), r.attempt(), "", state, null, false, HealthState.NONE,
        Map.of(), null, Instant.now(), 0, 0, message, List.of());
  }

  private ReplicaObservation observe(ReplicaAssignment r, ContainerStatus c) {
    ReplicaState state;
    HealthState healthState = r.health() == null ? HealthState.NONE : HealthState.STARTING;
    String message = c.error();
    List<String> lastLines = List.of();
    if (c.running()) {
      state = ReplicaState.RUNNING;
      if (r.health() != null) {
        health.watch(c.id(), r.health(), c.startedAt() == null ? Instant.now() : c.startedAt(), c.ipAddress(),
            c.hostPorts());
        healthState = health.state(c.id());
        message = health.lastFailure(c.id());
      }
    } else if ("created".equals(c.status())) {
      state = message.isEmpty() ? ReplicaState.STARTING : ReplicaState.START_FAILED;
    } else {
      state = ReplicaState.EXITED;
      healthState = HealthState.NONE;
      // The engine's log writer may lag the exit by a moment: keep the last lines only once they have settled.
      boolean settled = c.finishedAt() != null && c.finishedAt().isBefore(Instant.now().minusSeconds(1));
      lastLines = settled
          ? endLogs.computeIfAbsent(c.id(), id -> lines(runtime.logs(id, LOG_LINES)))
          : lines(runtime.logs(c.id(), LOG_LINES));
      if (c.killedForMemory()) {
        message = "OOMKilled: the container exceeded its memory limit of " + r.memoryLimitBytes() + " bytes";
      }
    }
    dev.berth.runtime.agent.container.ContainerUsage used = c.running() ? usage.get(c.id()) : null;
    return new ReplicaObservation(r.replicaId(), r.revision(), r.attempt(), c.id(), state, c.exitCode(),
        c.killedForMemory(), healthState, c.hostPorts(), c.startedAt(), c.running() ? null : c.finishedAt(),
        used == null ? 0 : used.memoryBytes(), used == null ? 0 : used.cpuMillis(), message, lastLines,
        c.labels().get(ContainerLabels.JVM_SIZING));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  /** The last lines of the replica's current or last container on this node. */
  public String logs(String replicaId, int tail) {
    List<ContainerStatus> found =
        runtime.list(Map.of(ContainerLabels.NODE, nodeId, ContainerLabels.REPLICA, replicaId));
    if (found.isEmpty()) {
      throw new NoSuchElementException("node " + nodeId + " has no container for replica " + replicaId);
    }
    return runtime.logs(found.get(0).id(), tail);
  }

  private static void deleteFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leftover config files only cost disk; the next removal tries again.
    }
  }

  /** Stops syncing; containers keep running (the next agent adopts them). */
  @Override
  public void close() {
    try {
      if (events != null) {
        events.close();
      }
    } catch (IOException e) {
      // Closing the event stream only.
    }
    worker.shutdownNow();
    probes.shutdownNow();
    starters.shutdownNow();
    sampler.shutdownNow();
  }
}
