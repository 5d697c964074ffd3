package dev.berth.runtime.master;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * In-process nodes for master tests: each "runs" whatever it is assigned at once (reports it RUNNING) and
 * heartbeats at 5 Hz until silenced or disconnected. Calls the inbox from its own threads, as a transport would.
 */
final class SimulatedNodes implements NodeTransport, NodeGateway {

  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
  private final Map<String, NodeAssignment> assigned = new ConcurrentHashMap<>();
  private final Set<String> alive = ConcurrentHashMap.newKeySet();
  private volatile ClusterInbox inbox;

  NodeTransport.Factory factory() {
    return (Path stateDir, String host, int port, ClusterInbox in) -> {
      this.inbox = in;
      threads.scheduleAtFixedRate(this::heartbeats, 200, 200, TimeUnit.MILLISECONDS);
      return this;
    };
  }

  void join(String nodeId) {
    alive.add(nodeId);
    inbox.nodeJoined(new NodeInfo(nodeId, "127.0.0.1", 2000, 2L << 30, Map.of(), "sim"));
  }

  /** Stops heartbeats, as a frozen or partitioned host would. */
  void silence(String nodeId) {
    alive.remove(nodeId);
  }

  /** Closes the connection, as a killed agent process would. */
  void disconnect(String nodeId) {
    alive.remove(nodeId);
    inbox.nodeDisconnected(nodeId, "CLOSED");
  }

  NodeAssignment latest(String nodeId) {
    return assigned.get(nodeId);
  }

  private void heartbeats() {
    for (String id : alive) {
      inbox.nodeHeartbeat(id, Instant.now());
    }
  }

  @Override
  public void assign(String nodeId, NodeAssignment assignment) {
    assigned.merge(nodeId, assignment, (a, b) -> b.generation() > a.generation() ? b : a);
    if (!alive.contains(nodeId)) {
      return;
    }
    threads.execute(
        () -> {
          List<ReplicaObservation> obs = new ArrayList<>();
          for (ReplicaAssignment r : assignment.replicas()) {
            obs.add(
                new ReplicaObservation(
                    r.replicaId(), r.revision(), r.attempt(), "c-" + r.replicaId(), ReplicaState.RUNNING, null, false,
                    HealthState.NONE, Map.of(), Instant.now(), null, 0, 0, "", List.of()));
          }
          inbox.nodeReport(nodeId, obs);
        });
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    return CompletableFuture.completedFuture("log of " + replicaId);
  }

  @Override
  public NodeGateway gateway() {
    return this;
  }

  @Override
  public int port() {
    return 0;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
