package dev.berth.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.store.InMemoryStateStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildJobControllerTest {

  private static final long GIB = 1L << 30;

  @TempDir Path contexts;
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String[]> started = new ArrayList<>();
  private final Set<String> connected = new HashSet<>();
  private final List<String> cancelledOnNodes = new ArrayList<>();
  private BuildJobController jobs;

  @BeforeEach
  void setUp() {
    NodeGateway gateway = new NodeGateway() {
      @Override
      public void assign(String nodeId, dev.berth.runtime.model.NodeAssignment assignment) {}

      @Override
      public java.util.concurrent.CompletableFuture<String> logs(String nodeId, String replicaId, int tail) {
        return java.util.concurrent.CompletableFuture.completedFuture("");
      }

      @Override
      public void cancelBuild(String nodeId, String jobId) {
        cancelledOnNodes.add(nodeId + "/" + jobId);
      }

      @Override
      public boolean startBuild(String nodeId, BuildAssignment job) {
        if (!connected.contains(nodeId)) {
          return false;
        }
        started.add(new String[] {nodeId, job.jobId(), job.contextSha256(), String.valueOf(job.contextBytes())});
        return true;
      }
    };
    jobs = new BuildJobController(store::snapshot, () -> gateway, contexts, clock);
  }

  private void node(String id, NodeState state, long cpuMillis, long memory) {
    store.putNode(new Node(new NodeInfo(id, "127.0.0.1", cpuMillis, memory, Map.of(), "20.10"), state,
        clock.instant(), clock.instant(), state == NodeState.READY ? "" : "SILENT"));
    connected.add(id);
  }

  private BuildJobStatus submitAndUpload(String text) throws Exception {
    BuildJobStatus s = jobs.submit(BuildJobRequest.of("shop:1"));
    return jobs.upload(s.id(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024);
  }

  @Test
  void uploadPlacesTheJobOnAReadyNode_andTheNodeReadsTheContextBack() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    BuildJobStatus submitted = jobs.submit(BuildJobRequest.of("shop:1"));
    assertThat(submitted.phase()).isEqualTo(BuildJobPhase.SUBMITTED);

    BuildJobStatus running = jobs.upload(submitted.id(), new ByteArrayInputStream("context!".getBytes()), 1024);

    assertThat(running.phase()).isEqualTo(BuildJobPhase.RUNNING);
    assertThat(running.node()).isEqualTo("n1");
    assertThat(running.contextBytes()).isEqualTo(8);
    assertThat(started).hasSize(1);
    assertThat(started.get(0)[2]).hasSize(64);
    assertThat(new String(jobs.context("n1", running.id(), 2, 3))).isEqualTo("nte");
    assertThat(jobs.context("n1", running.id(), 8, 3)).isEmpty();
    assertThatThrownBy(() -> jobs.context("n2", running.id(), 0, 3)).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void fullOrDownNodesAreSkipped_theJobWaitsWithTheSchedulersReason_andStartsWhenRoomAppears() throws Exception {
    node("small", NodeState.READY, 2000, GIB / 2);
    node("down", NodeState.DOWN, 8000, 16 * GIB);

    BuildJobStatus pending = submitAndUpload("x");

    assertThat(pending.phase()).isEqualTo(BuildJobPhase.PENDING);
    assertThat(pending.message()).contains("INSUFFICIENT_MEMORY").contains("NODE_NOT_READY");
    assertThat(started).isEmpty();

    node("big", NodeState.READY, 4000, 8 * GIB);
    jobs.tick();
    assertThat(jobs.status(pending.id()).orElseThrow().node()).isEqualTo("big");
  }

  @Test
  void runningJobsCountAgainstTheirNode() throws Exception {
    node("n1", NodeState.READY, 1500, 8 * GIB);
    BuildJobStatus first = submitAndUpload("a");
    BuildJobStatus second = submitAndUpload("b");

    assertThat(first.phase()).isEqualTo(BuildJobPhase.RUNNING);
    assertThat(second.phase()).isEqualTo(BuildJobPhase.PENDING);
    assertThat(second.message()).contains("INSUFFICIENT_CPU");

    jobs.report("n1", new BuildReport(first.id(), "SUCCEEDED", 0, "built", "sha256:1", null, List.of()));
    jobs.tick();
    assertThat(jobs.status(second.id()).orElseThrow().phase()).isEqualTo(BuildJobPhase.RUNNING);
  }

  @Test
  void runningJobsHoldTheirNodeForReplicaPlacement_andTheirEndFreesIt() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    List<String> freed = new ArrayList<>();
    jobs.onCapacityFreed(() -> freed.add("freed"));
    BuildJobStatus job = submitAndUpload("a");

    assertThat(jobs.heldByNode()).containsOnlyKeys("n1");
    assertThat(jobs.heldByNode().get("n1")).singleElement().satisfies(held -> {
      assertThat(held.memoryBytes()).isEqualTo(BuildJobController.JOB_MEMORY_BYTES);
      assertThat(held.cpuMillis()).isEqualTo(BuildJobController.JOB_CPU_MILLIS);
    });
    assertThat(freed).isEmpty();

    jobs.report("n1", new BuildReport(job.id(), "SUCCEEDED", 0, "built", "sha256:1", null, List.of(), 73_400_320L));

    assertThat(jobs.status(job.id()).orElseThrow().imageBytes()).isEqualTo(73_400_320L);
    assertThat(jobs.heldByNode()).isEmpty();
    assertThat(freed).hasSize(1);
  }

  @Test
  void reportsAppendTheLog_andTheFinalOneEndsTheJobAndDeletesItsContext() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    BuildJobStatus job = submitAndUpload("ctx");
    assertThat(Files.list(contexts)).hasSize(1);

    jobs.report("n1", new BuildReport(job.id(), "RUNNING", null, "", null, null, List.of("a", "b")));
    jobs.report("other", new BuildReport(job.id(), "RUNNING", null, "", null, null, List.of("forged")));
    assertThat(jobs.logs(job.id(), 1).lines()).containsExactly("b");
    assertThat(jobs.logs(job.id(), 0).finished()).isFalse();

    clock.advance(Duration.ofSeconds(7));
    jobs.report("n1", new BuildReport(job.id(), "FAILED", 1, "the builder exited with code 1: boom", null, null,
        List.of("ERROR boom")));
    jobs.report("n1", new BuildReport(job.id(), "RUNNING", null, "", null, null, List.of("late")));

    BuildJobStatus done = jobs.status(job.id()).orElseThrow();
    assertThat(done.phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(done.exitCode()).isEqualTo(1);
    assertThat(Duration.between(done.startedAt(), done.finishedAt())).isEqualTo(Duration.ofSeconds(7));
    assertThat(jobs.logs(job.id(), 0).lines()).containsExactly("a", "b", "ERROR boom");
    assertThat(jobs.logs(job.id(), 3)).satisfies(c -> {
      assertThat(c.lines()).isEmpty();
      assertThat(c.nextLine()).isEqualTo(3);
      assertThat(c.finished()).isTrue();
    });
    assertThat(Files.list(contexts)).isEmpty();
  }

  @Test
  void theLogIsCutByCharactersToo_longLinesCannotFillTheMastersMemory() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    BuildJobStatus job = submitAndUpload("ctx");
    String longLine = "x".repeat(4000);
    List<String> batch = java.util.Collections.nCopies(100, longLine);
    // 2000 lines of 4000 characters: far below the line limit, twice the character limit.
    for (int i = 0; i < 20; i++) {
      jobs.report("n1", new BuildReport(job.id(), "RUNNING", null, "", null, null, batch));
    }

    List<String> log = jobs.logs(job.id(), 0).lines();
    long kept = log.stream().filter(longLine::equals).count();
    assertThat(kept * longLine.length()).isLessThanOrEqualTo(BuildJobController.MAX_LOG_CHARS)
        .isGreaterThan(BuildJobController.MAX_LOG_CHARS - longLine.length());
    assertThat(log).hasSize((int) kept + 1);
    assertThat(log.get(log.size() - 1)).isEqualTo("(log cut at " + kept + " lines, " + kept * 4000 + " characters)");
  }

  @Test
  void aJobLostWithItsNodeFails_naming_theNodeAndWhy() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    BuildJobStatus job = submitAndUpload("x");
    node("n1", NodeState.DOWN, 2000, 4 * GIB);

    jobs.tick();

    BuildJobStatus failed = jobs.status(job.id()).orElseThrow();
    assertThat(failed.phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(failed.message()).contains("node n1").contains("SILENT");
    assertThat(failed.exitCode()).isNull();
  }

  @Test
  void tooLargeUploadFailsTheJob_aSecondUploadIsRefused_andANeverUploadedJobExpires() throws Exception {
    BuildJobStatus big = jobs.submit(BuildJobRequest.of("shop:1"));
    assertThatThrownBy(() -> jobs.upload(big.id(), new ByteArrayInputStream(new byte[2048]), 1024))
        .isInstanceOf(BuildJobController.ContextTooLargeException.class);
    assertThat(jobs.status(big.id()).orElseThrow().phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(Files.list(contexts)).isEmpty();

    BuildJobStatus once = submitAndUpload("x");
    assertThatThrownBy(() -> jobs.upload(once.id(), new ByteArrayInputStream(new byte[1]), 1024))
        .isInstanceOf(IllegalStateException.class);

    clock.advance(Duration.ofSeconds(1));
    BuildJobStatus idle = jobs.submit(BuildJobRequest.of("shop:2"));
    clock.advance(BuildJobController.UPLOAD_DEADLINE.plusSeconds(1));
    jobs.tick();
    assertThat(jobs.status(idle.id()).orElseThrow().phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(jobs.list().get(0).id()).isEqualTo(idle.id());
  }

  @Test
  void aRunningJobWhoseNodeFallsSilentFails_whileReportsKeepItAlive() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    BuildJobStatus job = submitAndUpload("x");
    clock.advance(Duration.ofSeconds(60));
    jobs.report("n1", new BuildReport(job.id(), "RUNNING", null, "", null, null, List.of()));
    clock.advance(Duration.ofSeconds(60));
    jobs.tick();
    assertThat(jobs.status(job.id()).orElseThrow().phase()).isEqualTo(BuildJobPhase.RUNNING);

    clock.advance(BuildJobController.REPORT_SILENCE);
    jobs.tick();
    assertThat(jobs.status(job.id()).orElseThrow().message()).contains("sent no news");
  }

  @Test
  void cancelEndsARunningJobAndTellsItsNode_aPendingOneJustEnds_aFinishedOneStaysAsItWas() throws Exception {
    node("n1", NodeState.READY, 1000, 4 * GIB);
    BuildJobStatus running = submitAndUpload("a");
    BuildJobStatus pending = submitAndUpload("b");

    BuildJobStatus cancelled = jobs.cancel(running.id());
    assertThat(cancelled.phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(cancelled.message()).isEqualTo("cancelled by a client");
    assertThat(cancelledOnNodes).containsExactly("n1/" + running.id());
    assertThat(jobs.logs(running.id(), 0).finished()).isTrue();

    jobs.cancel(pending.id());
    assertThat(cancelledOnNodes).hasSize(1);
    jobs.tick();
    assertThat(started).hasSize(1);
    assertThat(jobs.cancel(pending.id()).message()).isEqualTo("cancelled by a client");
    assertThatThrownBy(() -> jobs.cancel("b-none")).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void archivesLeftByAnEarlierMasterAreDeleted() throws Exception {
    Files.writeString(contexts.resolve("b-old.tar.gz"), "old");
    new BuildJobController(store::snapshot, () -> null, contexts, clock);
    assertThat(contexts.resolve("b-old.tar.gz")).doesNotExist();
  }

  @Test
  void aPlacedNodeThatIsNotConnectedLeavesTheJobPending() throws Exception {
    node("n1", NodeState.READY, 2000, 4 * GIB);
    connected.clear();
    BuildJobStatus job = submitAndUpload("x");
    assertThat(job.phase()).isEqualTo(BuildJobPhase.PENDING);
    assertThat(job.message()).contains("not connected");
    connected.add("n1");
    jobs.tick();
    assertThat(jobs.status(job.id()).orElseThrow().phase()).isEqualTo(BuildJobPhase.RUNNING);
  }
}
