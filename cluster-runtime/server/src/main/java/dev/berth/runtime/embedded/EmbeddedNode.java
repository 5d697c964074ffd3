package dev.berth.runtime.embedded;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;

import dev.berth.runtime.master.NodeTransport;
import dev.berth.runtime.model.ContainerPort;
import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node in the master's process for {@code berth up}: converges the local engine to its assignment (level-based,
 * one thread), reports what runs, probes health, and heartbeats, all straight into the master's inbox.
 */
public final class EmbeddedNode implements NodeTransport, NodeGateway {

  static final String NODE = "berth.node";
  static final String REPLICA = "berth.replica";
  static final String REVISION = "berth.revision";
  static final String ATTEMPT = "berth.attempt";
  private static final int LOG_LINES = 100;

  private final DockerClient docker;
  private final NodeInfo info;
  private final Path filesDir;
  private final ClusterInbox inbox;
  private final ScheduledExecutorService worker;
  private final ScheduledExecutorService side;
  private final AtomicReference<NodeAssignment> assignment = new AtomicReference<>();
  private final Map<String, ContainerProbe> probes = new ConcurrentHashMap<>();
  private final Map<String, List<String>> endLogs = new ConcurrentHashMap<>();
  private final Map<String, ReplicaObservation> failedStarts = new ConcurrentHashMap<>();
  private volatile List<ReplicaObservation> lastReport = List.of();
  private volatile long lastReportAt;
  private volatile boolean converging;
  private java.io.Closeable events;

  private final Map<String, String> extraLabels;

  private EmbeddedNode(
      DockerClient docker, NodeInfo info, Path filesDir, ClusterInbox inbox, Map<String, String> extraLabels) {
    this.extraLabels = Map.copyOf(extraLabels);
    this.docker = docker;
    this.info = info;
    this.filesDir = filesDir;
    this.inbox = inbox;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-node-" + info.nodeId()));
    this.side = Executors.newScheduledThreadPool(2, r -> daemon(r, "berth-node-probes"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A factory for {@link dev.berth.runtime.master.MasterMain}: one node on {@code docker}, named {@code nodeId}. */
  public static NodeTransport.Factory factory(DockerClient docker, String nodeId) {
    return factory(docker, nodeId, Map.of());
  }

  /** As {@link #factory(DockerClient, String)}, with {@code extraLabels} on every container (e.g. a test run's). */
  public static NodeTransport.Factory factory(DockerClient docker, String nodeId, Map<String, String> extraLabels) {
    return (stateDir, host, port, inbox) -> {
      Runtime rt = Runtime.getRuntime();
      long memory = physicalMemory();
      NodeInfo info =
          new NodeInfo(nodeId, "127.0.0.1", rt.availableProcessors() * 1000L, memory, Map.of("berth.embedded", "true"),
              engineVersion(docker));
      EmbeddedNode node = new EmbeddedNode(docker, info, stateDir.resolve("node-files"), inbox, extraLabels);
      node.start();
      return node;
    };
  }

  private static long physicalMemory() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return 4L << 30;
  }

  private static String engineVersion(DockerClient docker) {
    try {
      return docker.versionCmd().exec().getVersion();
    } catch (RuntimeException e) {
      throw new IllegalStateException("no container engine answers (" + e.getMessage()
          + "); start Docker (scripts/lib/engine.sh) and try again", e);
    }
  }

  private void start() {
    inbox.nodeJoined(info);
    worker.scheduleWithFixedDelay(this::safeConverge, 1000, 1000, TimeUnit.MILLISECONDS);
    side.scheduleAtFixedRate(() -> inbox.nodeHeartbeat(info.nodeId(), Instant.now()), 0, 1000, TimeUnit.MILLISECONDS);
    side.scheduleWithFixedDelay(this::probeAll, 200, 200, TimeUnit.MILLISECONDS);
    // Engine events make exits and starts visible at once instead of at the next poll.
    events =
        docker
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withLabelFilter(Map.of(NODE, info.nodeId()))
            .exec(
                new ResultCallback.Adapter<Event>() {
                  @Override
                  public void onNext(Event event) {
                    String action = event.getAction();
                    if ("die".equals(action) || "oom".equals(action) || "start".equals(action)) {
                      trigger();
                    }
                  }
                });
  }

  @Override
  public void assign(String nodeId, NodeAssignment next) {
    assignment.accumulateAndGet(next, (a, b) -> a == null || b.generation() > a.generation() ? b : a);
    trigger();
  }

  private void trigger() {
    if (!converging) {
      converging = true;
      worker.execute(this::safeConverge);
    }
  }

  private void safeConverge() {
    converging = false;
    try {
      converge();
    } catch (RuntimeException e) {
      System.err.println("node " + info.nodeId() + ": converge failed: " + e.getMessage());
    }
  }

  /** One level-based pass: make the engine run exactly the assignment, then report. */
  private void converge() {
    NodeAssignment want = assignment.get();
    Map<String, ReplicaAssignment> wanted = new LinkedHashMap<>();
    if (want != null) {
      want.replicas().forEach(r -> wanted.put(r.replicaId(), r));
    }
    Map<String, Container> have = new HashMap<>();
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(NODE, info.nodeId())).exec()) {
      String replica = c.getLabels().get(REPLICA);
      ReplicaAssignment r = replica == null ? null : wanted.get(replica);
      boolean current =
          r != null && String.valueOf(r.revision()).equals(c.getLabels().get(REVISION))
              && String.valueOf(r.attempt()).equals(c.getLabels().get(ATTEMPT));
      if (current && !have.containsKey(replica)) {
        have.put(replica, c);
      } else {
        remove(c.getId());
        if (replica != null) {
          deleteFiles(filesDir.resolve(replica + "-" + c.getLabels().get(ATTEMPT)));
        }
      }
    }
    List<ReplicaObservation> report = new ArrayList<>();
    for (ReplicaAssignment r : wanted.values()) {
      Container c = have.get(r.replicaId());
      String failedKey = r.replicaId() + "#" + r.revision() + "#" + r.attempt();
      if (c == null) {
        ReplicaObservation failed = failedStarts.get(failedKey);
        if (failed != null) {
          report.add(failed);
          continue;
        }
        ReplicaObservation started = create(r);
        if (started.state() != ReplicaState.RUNNING && started.state() != ReplicaState.STARTING) {
          failedStarts.put(failedKey, started);
        }
        report.add(started);
      } else {
        report.add(observe(r, c.getId()));
      }
    }
    failedStarts.keySet().removeIf(k -> !wanted.containsKey(k.substring(0, k.indexOf('#'))));
    probes.keySet().removeIf(id -> report.stream().noneMatch(o -> o.containerId().equals(id)));
    send(report);
  }

  private void send(List<ReplicaObservation> report) {
    long now = System.nanoTime();
    if (!report.equals(lastReport) || now - lastReportAt > TimeUnit.SECONDS.toNanos(5)) {
      lastReport = List.copyOf(report);
      lastReportAt = now;
      inbox.nodeReport(info.nodeId(), report);
    }
  }

  private ReplicaObservation create(ReplicaAssignment r) {
    try {
      return observe(r, createAndStart(r));
    } catch (NotFoundException e) {
      return ended(r, ReplicaState.IMAGE_MISSING, "image " + r.image() + " is not on this node's engine: " + e.getMessage());
    } catch (RuntimeException | IOException e) {
      return ended(r, ReplicaState.START_FAILED, String.valueOf(e.getMessage()));
    }
  }

  private ReplicaObservation ended(ReplicaAssignment r, ReplicaState state, String message) {
    return new ReplicaObservation(r.replicaId(), r.revision(), r.attempt(), "", state, null, false, HealthState.NONE,
        Map.of(), null, Instant.now(), 0, 0, message, List.of());
  }

  private String createAndStart(ReplicaAssignment r) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>(r.labels());
    labels.putAll(extraLabels);
    labels.put("berth.managed", "true");
    labels.put(NODE, info.nodeId());
    labels.put(REPLICA, r.replicaId());
    labels.put(REVISION, String.valueOf(r.revision()));
    labels.put(ATTEMPT, String.valueOf(r.attempt()));
    Ports ports = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (ContainerPort p : r.ports()) {
      ExposedPort e = "udp".equals(p.protocol()) ? ExposedPort.udp(p.containerPort()) : ExposedPort.tcp(p.containerPort());
      exposed.add(e);
      ports.bind(e, Ports.Binding.empty());
    }
    List<Bind> binds = new ArrayList<>();
    Path dir = filesDir.resolve(r.replicaId() + "-" + r.attempt());
    for (Map.Entry<String, String> f : r.configFiles().entrySet()) {
      Path host = dir.resolve(f.getKey().substring(1));
      Files.createDirectories(host.getParent());
      Files.writeString(host, f.getValue());
      binds.add(new Bind(host.toString(), new Volume(f.getKey()), AccessMode.ro));
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withPortBindings(ports)
            .withBinds(binds)
            .withInit(true)
            // The master owns restarts (crash-loop backoff), so the engine never restarts on its own.
            .withRestartPolicy(RestartPolicy.noRestart());
    if (r.memoryLimitBytes() > 0) {
      host.withMemory(r.memoryLimitBytes()).withMemorySwap(r.memoryLimitBytes());
    }
    if (r.cpuMillis() > 0) {
      host.withNanoCPUs(r.cpuMillis() * 1_000_000L);
    }
    List<String> env = new ArrayList<>();
    r.env().forEach((k, v) -> env.add(k + "=" + v));
    String name = "berth-" + r.replicaId().replace('/', '-') + "-" + r.attempt();
    CreateContainerCmd cmd =
        docker.createContainerCmd(r.image()).withName(name).withLabels(labels).withEnv(env)
            .withExposedPorts(exposed).withHostConfig(host);
    if (!r.command().isEmpty()) {
      cmd.withEntrypoint(r.command());
    }
    if (!r.args().isEmpty() || !r.command().isEmpty()) {
      cmd.withCmd(r.args());
    }
    String id = cmd.exec().getId();
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      // Keep the container: its state and error are the report.
      System.err.println("node " + info.nodeId() + ": starting " + name + " failed: " + e.getMessage());
    }
    return id;
  }

  private ReplicaObservation observe(ReplicaAssignment r, String containerId) {
    InspectContainerResponse c = docker.inspectContainerCmd(containerId).exec();
    InspectContainerResponse.ContainerState s = c.getState();
    Map<Integer, Integer> hostPorts = new HashMap<>();
    if (c.getNetworkSettings() != null && c.getNetworkSettings().getPorts() != null) {
      c.getNetworkSettings().getPorts().getBindings().forEach((port, bindings) -> {
        if (bindings != null && bindings.length > 0 && bindings[0].getHostPortSpec() != null) {
          hostPorts.put(port.getPort(), Integer.parseInt(bindings[0].getHostPortSpec()));
        }
      });
    }
    Instant started = time(s.getStartedAt());
    Instant finished = time(s.getFinishedAt());
    boolean running = Boolean.TRUE.equals(s.getRunning());
    ReplicaState state;
    Integer exit = null;
    List<String> lastLines = List.of();
    HealthState health = r.health() == null ? HealthState.NONE : HealthState.STARTING;
    String message = s.getError() == null ? "" : s.getError();
    if (running) {
      state = ReplicaState.RUNNING;
      if (r.health() != null) {
        ContainerProbe p = probes.computeIfAbsent(containerId, k -> new ContainerProbe(r.health(), started == null ? Instant.now() : started));
        p.hostPorts = hostPorts;
        p.containerIp = containerIp(c);
        health = p.state;
        message = p.lastFailure;
      }
    } else if ("created".equals(s.getStatus())) {
      state = message.isEmpty() ? ReplicaState.STARTING : ReplicaState.START_FAILED;
    } else {
      state = ReplicaState.EXITED;
      exit = s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue();
      // The engine's log writer may lag the exit by a moment: cache the last lines only once they have settled.
      boolean settled = finished != null && finished.isBefore(Instant.now().minusSeconds(1));
      lastLines = settled
          ? endLogs.computeIfAbsent(containerId, id -> Arrays.asList(logs(id, LOG_LINES).split("\n")))
          : Arrays.asList(logs(containerId, LOG_LINES).split("\n"));
    }
    return new ReplicaObservation(
        r.replicaId(), r.revision(), r.attempt(), containerId, state, exit, Boolean.TRUE.equals(s.getOOMKilled()),
        health, hostPorts, started, running ? null : finished, 0, 0, message, lastLines);
  }

  private static String containerIp(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null) {
      return null;
    }
    String ip = c.getNetworkSettings().getIpAddress();
    if ((ip == null || ip.isEmpty()) && c.getNetworkSettings().getNetworks() != null) {
      ip = c.getNetworkSettings().getNetworks().values().stream()
          .map(n -> n.getIpAddress()).filter(a -> a != null && !a.isEmpty()).findFirst().orElse(null);
    }
    return ip == null || ip.isEmpty() ? null : ip;
  }

  private static Instant time(String text) {
    if (text == null || text.isEmpty() || text.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void probeAll() {
    Instant now = Instant.now();
    boolean changed = false;
    for (Map.Entry<String, ContainerProbe> e : probes.entrySet()) {
      ContainerProbe p = e.getValue();
      if (now.isBefore(p.nextAt)) {
        continue;
      }
      HealthState before = p.state;
      String failure = check(e.getKey(), p);
      if (failure == null) {
        p.passed(now);
      } else {
        p.failed(now, failure);
      }
      changed |= before != p.state;
    }
    if (changed) {
      trigger();
    }
  }

  /** Runs one check; returns why it failed, or {@code null} when it passed. */
  private String check(String containerId, ContainerProbe p) {
    HealthProbe h = p.probe;
    int timeoutMs = (int) Math.max(100, h.timeout().toMillis());
    try {
      switch (h.kind()) {
        case HTTP -> {
          InetSocketAddress target = target(p);
          if (target == null) {
            return "port " + h.port() + " is not reachable";
          }
          HttpURLConnection c = (HttpURLConnection) URI.create(
              "http://" + target.getHostString() + ":" + target.getPort() + h.path()).toURL().openConnection();
          c.setConnectTimeout(timeoutMs);
          c.setReadTimeout(timeoutMs);
          int code = c.getResponseCode();
          c.disconnect();
          return code >= 200 && code < 400 ? null : "HTTP " + code + " from " + h.path();
        }
        case TCP -> {
          InetSocketAddress target = target(p);
          if (target == null) {
            return "port " + h.port() + " is not reachable";
          }
          try (Socket s = new Socket()) {
            s.connect(target, timeoutMs);
          }
          return null;
        }
        default -> {
          String exec = docker.execCreateCmd(containerId).withCmd(h.command().toArray(String[]::new))
              .withAttachStdout(true).withAttachStderr(true).exec().getId();
          docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS);
          Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
          return code != null && code == 0 ? null : "command exited with " + code;
        }
      }
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * Where a probe connects: the container's own address and port. The published host port is no use: the engine's
   * port proxy accepts connections even when nothing listens in the container.
   */
  private static InetSocketAddress target(ContainerProbe p) {
    if (p.containerIp != null) {
      return new InetSocketAddress(p.containerIp, p.probe.port());
    }
    Integer hostPort = p.hostPorts.get(p.probe.port());
    return hostPort == null ? null : new InetSocketAddress("127.0.0.1", hostPort);
  }

  private String logs(String containerId, int tail) {
    StringBuilder out = new StringBuilder();
    try {
      docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tail)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out.toString().stripTrailing();
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

  private void remove(String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException e) {
      // Gone already.
    }
    probes.remove(containerId);
    endLogs.remove(containerId);
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<Container> found =
              docker.listContainersCmd().withShowAll(true)
                  .withLabelFilter(Map.of(NODE, info.nodeId(), REPLICA, replicaId)).exec();
          if (found.isEmpty()) {
            throw new NoSuchElementException("node " + nodeId + " has no container for replica " + replicaId);
          }
          return logs(found.get(0).getId(), tailLines);
        },
        side);
  }

  @Override
  public NodeGateway gateway() {
    return this;
  }

  @Override
  public int port() {
    return -1;
  }

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
    side.shutdownNow();
    inbox.nodeDisconnected(info.nodeId(), "CLOSED");
  }

}
