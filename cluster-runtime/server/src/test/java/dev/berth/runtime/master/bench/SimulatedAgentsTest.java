package dev.berth.runtime.master.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedAgentsTest {

  /** What the agents told the master. */
  private static final class RecordingInbox implements ClusterInbox {
    final List<NodeInfo> joined = new CopyOnWriteArrayList<>();
    final List<Map.Entry<String, List<ReplicaObservation>>> reports = new CopyOnWriteArrayList<>();

    @Override
    public void nodeJoined(NodeInfo node) {
      joined.add(node);
    }

    @Override
    public void nodeHeartbeat(String nodeId, Instant receivedAt) {}

    @Override
    public void nodeReport(String nodeId, List<ReplicaObservation> replicas) {
      reports.add(Map.entry(nodeId, replicas));
    }

    @Override
    public void nodeDisconnected(String nodeId, String reason) {}
  }

  private final RecordingInbox inbox = new RecordingInbox();
  private final SimulatedAgents agents = new SimulatedAgents();

  @AfterEach
  void stop() {
    agents.close();
  }

  private void start() throws Exception {
    agents.factory().start(null, "127.0.0.1", 0, inbox);
  }

  private void awaitAcknowledged(int count) throws InterruptedException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (agents.acknowledged() < count) {
      if (System.nanoTime() > until) {
        throw new AssertionError(agents.acknowledged() + " of " + count + " replicas acknowledged within 5 s");
      }
      Thread.sleep(5);
    }
  }

  private static ReplicaAssignment replica(String id, int attempt) {
    return new ReplicaAssignment(
        id, "default", "web", 1, attempt, "web:1", List.of(), List.of(), Map.of(), 64L << 20, 50, List.of(), Map.of(),
        null, Map.of());
  }

  @Test
  void join_nodesJoinThroughTheInboxWithTheirCapacity() throws Exception {
    start();

    agents.join(3, 4000, 16L << 30);

    assertThat(inbox.joined).extracting(NodeInfo::nodeId).containsExactly("sim-00001", "sim-00002", "sim-00003");
    assertThat(inbox.joined).allSatisfy(n -> assertThat(n.cpuMillis()).isEqualTo(4000));
    assertThat(agents.nodeIds()).hasSize(3);
  }

  @Test
  void assign_everyReplicaReportedRunningAndAcknowledged() throws Exception {
    start();
    agents.join(1, 4000, 16L << 30);

    agents.assign("sim-00001", new NodeAssignment("sim-00001", 1, List.of(replica("a", 0), replica("b", 0))));

    awaitAcknowledged(2);
    List<ReplicaObservation> report = inbox.reports.get(inbox.reports.size() - 1).getValue();
    assertThat(report).extracting(ReplicaObservation::replicaId).containsExactly("a", "b");
    assertThat(report).allSatisfy(o -> assertThat(o.state()).isEqualTo(ReplicaState.RUNNING));
    assertThat(agents.acknowledgedAt("a")).isNotNull();
    assertThat(agents.acknowledgedAt("c")).isNull();
  }

  @Test
  void assign_laterReportKeepsTheFirstAcknowledgementAndAnOlderGenerationIsIgnored() throws Exception {
    start();
    agents.join(1, 4000, 16L << 30);
    agents.assign("sim-00001", new NodeAssignment("sim-00001", 2, List.of(replica("a", 0))));
    awaitAcknowledged(1);
    Long first = agents.acknowledgedAt("a");

    agents.assign("sim-00001", new NodeAssignment("sim-00001", 1, List.of(replica("stale", 0))));
    agents.assign("sim-00001", new NodeAssignment("sim-00001", 3, List.of(replica("a", 0), replica("b", 0))));

    awaitAcknowledged(2);
    assertThat(agents.acknowledgedAt("a")).isEqualTo(first);
    assertThat(agents.acknowledgedAt("stale")).isNull();
    assertThat(agents.assignmentsReceived()).isEqualTo(3);
  }
}
