package dev.berth.runtime.master.bench;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.master.NodeTransport;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Node agents simulated inside the master's JVM, for the scheduling benchmark: no Kryonet, no Docker. Nodes join
 * through the master's {@link ClusterInbox} as the transport makes them join, heartbeat at 1 Hz, and answer every
 * assignment with a complete report listing each assigned replica {@code RUNNING}, through the same inbox call a
 * real agent's report reaches. Reports go out from the agents' own thread, never from the caller of
 * {@link #assign}; a node with several assignments waiting reports only the latest, as a real agent applies only
 * the latest. A replica counts as acknowledged once the inbox call carrying its first report has returned, that is
 * once the master has recorded it.
 */
public final class SimulatedAgents implements NodeTransport, NodeGateway {

  /** How often every node heartbeats. */
  static final long HEARTBEAT_MILLIS = 1000;

  private final Map<String, NodeAssignment> latest = new ConcurrentHashMap<>();
  private final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
  private final Map<String, ReplicaObservation> running = new ConcurrentHashMap<>();
  private final List<String> nodeIds = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final LinkedHashSet<String> due = new LinkedHashSet<>();
  private final AtomicLong assignments = new AtomicLong();
  private final AtomicLong reports = new AtomicLong();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sim-agents-heartbeat");
            t.setDaemon(true);
            // A starved heartbeat thread would make the master declare healthy nodes down.
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
          });
  private final Thread reporter = new Thread(this::reportLoop, "sim-agents-report");
  private volatile ClusterInbox inbox;
  private volatile boolean closed;

  /** The transport factory to start the master with; the master hands it its inbox. */
  public NodeTransport.Factory factory() {
    return (Path stateDir, String host, int port, ClusterInbox in) -> {
      this.inbox = in;
      reporter.setDaemon(true);
      reporter.start();
      heartbeats.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
      return this;
    };
  }

  /**
   * Joins {@code count} nodes named {@code sim-00001}… with the given capacity, one inbox call each.
   *
   * @throws IllegalStateException when the master has not started this transport yet
   */
  public void join(int count, long cpuMillis, long memoryBytes) {
    if (inbox == null) {
      throw new IllegalStateException("start the master with factory() before joining nodes");
    }
    for (int i = 1; i <= count; i++) {
      String id = String.format(Locale.ROOT, "sim-%05d", nodeIds.size() + 1);
      nodeIds.add(id);
      inbox.nodeJoined(new NodeInfo(id, "127.0.0.1", cpuMillis, memoryBytes, Map.of(), "simulated"));
    }
  }

  /** The joined nodes' ids. */
  public List<String> nodeIds() {
    return List.copyOf(nodeIds);
  }

  /** Replicas acknowledged so far. */
  public int acknowledged() {
    return acknowledgedAt.size();
  }

  /** When ({@link System#nanoTime}) the master recorded the first report of {@code replicaId}, or {@code null}. */
  public Long acknowledgedAt(String replicaId) {
    return acknowledgedAt.get(replicaId);
  }

  /** Nodes that have received at least one assignment. */
  public int nodesAssigned() {
    return latest.size();
  }

  /** Assignments received, counting every one. */
  public long assignmentsReceived() {
    return assignments.get();
  }

  /** Reports sent to the master. */
  public long reportsSent() {
    return reports.get();
  }

  /**
   * Drops what the agents keep of assignments and acknowledgements (not the nodes), so a footprint measured
   * afterwards counts the master's memory rather than the simulation's.
   */
  public void forgetAssignments() {
    latest.clear();
    acknowledgedAt.clear();
    running.clear();
  }

  @Override
  public void assign(String nodeId, NodeAssignment assignment) {
    assignments.incrementAndGet();
    latest.merge(nodeId, assignment, (a, b) -> b.generation() > a.generation() ? b : a);
    synchronized (due) {
      due.add(nodeId);
      due.notifyAll();
    }
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    return CompletableFuture.completedFuture("");
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
    closed = true;
    heartbeats.shutdownNow();
    reporter.interrupt();
  }

  private void heartbeat() {
    Instant now = Instant.now();
    for (String id : nodeIds) {
      inbox.nodeHeartbeat(id, now);
    }
  }

  private void reportLoop() {
    while (!closed) {
      String nodeId;
      synchronized (due) {
        while (due.isEmpty()) {
          try {
            due.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        nodeId = due.iterator().next();
        due.remove(nodeId);
      }
      NodeAssignment assignment = latest.get(nodeId);
      if (assignment != null) {
        report(nodeId, assignment);
      }
    }
  }

  private void report(String nodeId, NodeAssignment assignment) {
    List<ReplicaObservation> observations = new ArrayList<>(assignment.replicas().size());
    for (ReplicaAssignment r : assignment.replicas()) {
      observations.add(running.compute(r.replicaId(), (id, seen) -> sameAttempt(seen, r) ? seen : runningNow(r)));
    }
    inbox.nodeReport(nodeId, observations);
    reports.incrementAndGet();
    long recorded = System.nanoTime();
    for (ReplicaAssignment r : assignment.replicas()) {
      acknowledgedAt.putIfAbsent(r.replicaId(), recorded);
    }
  }

  private static boolean sameAttempt(ReplicaObservation seen, ReplicaAssignment r) {
    return seen != null && seen.attempt() == r.attempt() && seen.revision() == r.revision();
  }

  private static ReplicaObservation runningNow(ReplicaAssignment r) {
    return new ReplicaObservation(
        r.replicaId(), r.revision(), r.attempt(), "sim-" + r.replicaId(), ReplicaState.RUNNING, null, false,
        HealthState.NONE, Map.of(), Instant.now(), null, 0, 0, "", List.of());
  }
}
