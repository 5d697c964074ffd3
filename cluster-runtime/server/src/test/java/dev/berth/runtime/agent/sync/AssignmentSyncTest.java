package dev.berth.runtime.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.agent.container.FakeContainerRuntime;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentSyncTest {

  @TempDir Path files;
  private final FakeContainerRuntime runtime = new FakeContainerRuntime();
  private final AtomicReference<List<ReplicaObservation>> last = new AtomicReference<>(List.of());
  private AssignmentSync sync;

  private AssignmentSync newSync() {
    AssignmentSync s = new AssignmentSync(runtime, "n1", files, Map.of(), last::set);
    s.start();
    return s;
  }

  @AfterEach
  void close() {
    if (sync != null) {
      sync.close();
    }
  }

  private static ReplicaAssignment replica(String id, int attempt) {
    return new ReplicaAssignment(id, "default", "web", 1, attempt, "img:1", List.of(), List.of(), Map.of("A", "1"),
        64L << 20, 100, List.of(), Map.of(), null, Map.of());
  }

  @Test
  void assignment_startsMissing_andRemovesUnlisted() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0), replica("r2", 0))));
    await(r -> r.size() == 2 && r.stream().allMatch(o -> o.state() == ReplicaState.RUNNING));

    sync.assign(new NodeAssignment("n1", 2, List.of(replica("r2", 0))));
    await(r -> r.size() == 1);

    assertThat(runtime.list(Map.of(ContainerLabels.NODE, "n1")))
        .extracting(c -> c.labels().get(ContainerLabels.REPLICA)).containsExactly("r2");
  }

  @Test
  void staleGeneration_isIgnored() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 5, List.of(replica("r1", 0))));
    await(r -> r.size() == 1);

    sync.assign(new NodeAssignment("n1", 4, List.of()));
    Thread.sleep(1500);

    assertThat(runtime.list(Map.of(ContainerLabels.NODE, "n1"))).hasSize(1);
  }

  @Test
  void newAttempt_replacesTheContainer_butEndedOnesAreLeftForTheMaster() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));
    ReplicaObservation first = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    runtime.exit(first.containerId(), 3, "boom");
    ReplicaObservation exited = await(r -> r.get(0).state() == ReplicaState.EXITED).get(0);
    assertThat(exited.exitCode()).isEqualTo(3);
    assertThat(exited.oomKilled()).isFalse();
    assertThat(exited.lastLogLines()).contains("boom");
    Thread.sleep(1500);
    assertThat(runtime.starts()).as("the agent never restarts on its own").isEqualTo(1);

    sync.assign(new NodeAssignment("n1", 2, List.of(replica("r1", 1))));
    ReplicaObservation second = await(r -> r.get(0).attempt() == 1 && r.get(0).state() == ReplicaState.RUNNING)
        .get(0);
    assertThat(second.containerId()).isNotEqualTo(first.containerId());
    assertThat(runtime.inspect(first.containerId())).isEmpty();
  }

  @Test
  void oomKill_isReportedAsSuch() throws Exception {
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));
    ReplicaObservation running = await(r -> r.size() == 1 && r.get(0).state() == ReplicaState.RUNNING).get(0);

    runtime.oomKill(running.containerId());

    ReplicaObservation o = await(r -> r.get(0).state() == ReplicaState.EXITED).get(0);
    assertThat(o.exitCode()).isEqualTo(137);
    assertThat(o.oomKilled()).isTrue();
    assertThat(o.message()).contains("OOMKilled");
  }

  @Test
  void restartedAgent_adoptsMatchingContainers_withoutRestartingThem() throws Exception {
    sync = newSync();
    NodeAssignment a = new NodeAssignment("n1", 1, List.of(replica("r1", 0), replica("r2", 0)));
    sync.assign(a);
    await(r -> r.size() == 2 && r.stream().allMatch(o -> o.state() == ReplicaState.RUNNING));
    List<String> before = runtime.list(Map.of()).stream().map(ContainerStatus::id).sorted().toList();
    sync.close();

    sync = newSync();
    sync.reportNow();
    sync.assign(new NodeAssignment("n1", 1, a.replicas()));
    await(r -> r.size() == 2);

    assertThat(runtime.list(Map.of()).stream().map(ContainerStatus::id).sorted().toList()).isEqualTo(before);
    assertThat(runtime.starts()).isEqualTo(2);
  }

  @Test
  void missingImage_isReported_andNotRetriedForTheSameAttempt() throws Exception {
    runtime.missingImages.add("img:1");
    sync = newSync();
    sync.assign(new NodeAssignment("n1", 1, List.of(replica("r1", 0))));

    ReplicaObservation o = await(r -> r.size() == 1).get(0);
    assertThat(o.state()).isEqualTo(ReplicaState.IMAGE_MISSING);
    assertThat(o.message()).contains("img:1");
  }

  private List<ReplicaObservation> await(Predicate<List<ReplicaObservation>> condition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<ReplicaObservation> r = last.get();
      if (!r.isEmpty() && condition.test(r)) {
        return r;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met; last report: " + r);
      }
      Thread.sleep(20);
    }
  }
}
