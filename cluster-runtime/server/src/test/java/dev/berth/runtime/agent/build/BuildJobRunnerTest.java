package dev.berth.runtime.agent.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ContainerStartException;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.agent.container.EngineInfo;
import dev.berth.runtime.agent.container.ImageDetails;
import dev.berth.runtime.agent.container.FakeContainerRuntime;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.wire.BerthSerialization;
import dev.berth.runtime.wire.WireTranslator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node side of a build job on a fake engine: what the builder container is asked for, and what is reported. */
class BuildJobRunnerTest {

  @TempDir Path dir;
  private final FakeContainerRuntime fake = new FakeContainerRuntime();
  private final List<ContainerRequest> requests = new CopyOnWriteArrayList<>();
  private final List<BuildReport> reports = new CopyOnWriteArrayList<>();
  private final List<List<String>> ensured = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> contexts = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean linkUp = true;
  private Path jar;
  private BuildJobRunner runner;

  @BeforeEach
  void setUp() throws IOException {
    jar = Files.writeString(dir.resolve("berth.jar"), "the agent's jar");
    ContainerRuntime recording = new ContainerRuntime() {
      @Override
      public EngineInfo info() {
        return fake.info();
      }

      @Override
      public List<ContainerStatus> list(Map<String, String> labels) {
        return fake.list(labels);
      }

      @Override
      public Optional<ContainerStatus> inspect(String id) {
        return fake.inspect(id);
      }

      @Override
      public Optional<ImageDetails> image(String reference) {
        return fake.image(reference);
      }

      @Override
      public void pull(String reference) throws ContainerStartException {
        fake.pull(reference);
      }

      @Override
      public String start(ContainerRequest request) throws ContainerStartException {
        requests.add(request);
        return fake.start(request);
      }

      @Override
      public void remove(String id) {
        fake.remove(id);
      }

      @Override
      public String logs(String id, int tail) {
        return fake.logs(id, tail);
      }

      @Override
      public int exec(String id, List<String> command, long timeoutMillis) {
        return fake.exec(id, command, timeoutMillis);
      }

      @Override
      public Closeable subscribe(Map<String, String> labels, Runnable onChange) {
        return fake.subscribe(labels, onChange);
      }

      @Override
      public void close() {}
    };
    MasterChannel master = new MasterChannel() {
      @Override
      public byte[] contextChunk(String jobId, long offset, int maxBytes) {
        byte[] all = contexts.get(jobId);
        int from = (int) Math.min(offset, all.length);
        // Small slices, so the fetch loop runs more than once.
        return Arrays.copyOfRange(all, from, Math.min(all.length, from + Math.min(maxBytes, 100)));
      }

      @Override
      public boolean report(BuildReport report) {
        if (!linkUp) {
          return false;
        }
        reports.add(report);
        return true;
      }
    };
    BuilderBases bases = new BuilderBases() {
      @Override
      public String builderImage() {
        return "berth/jre:17";
      }

      @Override
      public List<String> ensureOffline(List<String> images) {
        ensured.add(images);
        return images;
      }
    };
    runner = new BuildJobRunner(recording, "n1", dir.resolve("jobs"), Map.of("berth.test.run", "r1"), master, bases,
        List.of(jar), "/run/engine.sock", new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  private BuildAssignment job(String id, boolean push, String... files) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (int i = 0; i < files.length; i += 2) {
        byte[] content = files[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(files[i]);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    contexts.put(id, bytes.toByteArray());
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    return new BuildAssignment(id, List.of("reg:5000/shop:1", "reg:5000/shop:latest"), push, null, true,
        bytes.size(), sha);
  }

  private BuildReport awaitFinal(String jobId) throws InterruptedException {
    await(() -> reports.stream().anyMatch(r -> r.jobId().equals(jobId) && !r.phase().equals("RUNNING")));
    return reports.stream().filter(r -> r.jobId().equals(jobId) && !r.phase().equals("RUNNING")).findFirst().get();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private List<String> log(String jobId) {
    List<String> lines = new ArrayList<>();
    reports.stream().filter(r -> r.jobId().equals(jobId)).forEach(r -> lines.addAll(r.lines()));
    return lines;
  }

  @Test
  void dockerfileContext_runsTheBuilderAsRootWithSocketWorkspaceAndOwnClassPath_andReportsItsResult()
      throws Exception {
    String dockerfile = "FROM berth/jre:17-debian\nCOPY a.txt /a.txt\n";
    runner.submit(job("b-1", true, "Dockerfile", dockerfile, "a.txt", "x".repeat(500)));
    await(() -> !requests.isEmpty());
    ContainerRequest r = requests.get(0);

    assertThat(r.image()).isEqualTo("berth/jre:17");
    assertThat(r.user()).isEqualTo("0:0");
    assertThat(r.labels()).containsEntry(ContainerLabels.MANAGED, "true")
        .containsEntry(ContainerLabels.ROLE, "build").containsEntry(ContainerLabels.BUILD_JOB, "b-1")
        .containsEntry(ContainerLabels.BUILD_NODE, "n1").containsEntry("berth.test.run", "r1")
        .doesNotContainKey(ContainerLabels.NODE);
    assertThat(r.binds()).containsEntry(jar.toString(), jar.toString());
    Path workspace = Path.of(r.writableBinds().entrySet().stream()
        .filter(e -> e.getValue().equals("/workspace")).findFirst().orElseThrow().getKey());
    assertThat(r.writableBinds()).containsEntry("/run/engine.sock", "/var/run/docker.sock");
    assertThat(Files.readString(workspace.resolve("context/Dockerfile"))).isEqualTo(dockerfile);
    assertThat(Files.size(workspace.resolve("context/a.txt"))).isEqualTo(500);
    assertThat(r.entrypoint()).containsExactly("java");
    assertThat(String.join(" ", r.args())).isEqualTo("-cp " + jar + " dev.berth.runtime.cli.BerthCommand build"
        + " /workspace/context -t reg:5000/shop:1 -t reg:5000/shop:latest --push --dockerfile"
        + " --result-file /workspace/result.json");
    assertThat(ensured).containsExactly(List.of("berth/jre:17-debian"));

    Files.writeString(workspace.resolve("result.json"), "{\"image\":\"reg:5000/shop:1\",\"imageId\":\"sha256:abc\","
        + "\"digest\":\"sha256:def\",\"pushed\":true,\"backend\":\"engine\"}");
    String container = fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-1")).get(0).id();
    fake.exit(container, 0, "==> Built reg:5000/shop:1");
    BuildReport last = awaitFinal("b-1");

    assertThat(last.phase()).isEqualTo("SUCCEEDED");
    assertThat(last.exitCode()).isZero();
    assertThat(last.imageId()).isEqualTo("sha256:abc");
    assertThat(last.digest()).isEqualTo("sha256:def");
    assertThat(log("b-1")).contains("==> Built reg:5000/shop:1").anyMatch(l -> l.startsWith("==> Fetching"));
    await(() -> fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-1")).isEmpty());
    await(() -> !Files.exists(dir.resolve("jobs/b-1")));
  }

  @Test
  void pushingBuilders_getTheNodesDockerConfigReadOnly_othersDoNot() throws Exception {
    Path config = Files.writeString(dir.resolve("docker-config.json"), "{\"auths\": {}}");
    runner.withDockerConfig(config);
    runner.submit(job("b-3", true, "Dockerfile", "FROM berth/jre:17\n"));
    await(() -> requests.size() == 1);
    runner.submit(job("b-4", false, "Dockerfile", "FROM berth/jre:17\n"));
    await(() -> requests.size() == 2);

    ContainerRequest pushing = requests.stream().filter(r -> r.args().contains("--push")).findFirst().orElseThrow();
    ContainerRequest local = requests.stream().filter(r -> !r.args().contains("--push")).findFirst().orElseThrow();
    assertThat(pushing.binds()).containsEntry(config.toString(), "/berth/docker-config/config.json");
    assertThat(pushing.writableBinds()).doesNotContainValue("/berth/docker-config/config.json");
    assertThat(pushing.env()).contains("DOCKER_CONFIG=/berth/docker-config");
    assertThat(local.binds()).doesNotContainKey(config.toString());
    assertThat(local.env()).noneMatch(e -> e.startsWith("DOCKER_CONFIG="));
  }

  @Test
  void appContextWithoutDockerfile_isDetectedOffline_andAFailedBuildReportsItsErrorLine() throws Exception {
    runner.submit(job("b-2", false, "lib/app.jar", "jar"));
    await(() -> !requests.isEmpty());
    assertThat(requests.get(0).args()).contains("--offline").doesNotContain("--dockerfile", "--push");
    assertThat(ensured).isEmpty();

    String container = fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-2")).get(0).id();
    fake.exit(container, 8, "ERROR /workspace/context: [INCOMPLETE_INPUT] no main class");
    BuildReport last = awaitFinal("b-2");

    assertThat(last.phase()).isEqualTo("FAILED");
    assertThat(last.exitCode()).isEqualTo(8);
    assertThat(last.message()).isEqualTo("the builder exited with code 8: /workspace/context: [INCOMPLETE_INPUT]"
        + " no main class");
    assertThat(last.imageId()).isNull();
  }

  @Test
  void aBurstOfEmptyLogLines_isSplitIntoReportsThatEachFitAFrame() throws Exception {
    runner.submit(job("b-5", false, "Dockerfile", "FROM berth/jre:17\n"));
    await(() -> !fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-5")).isEmpty());
    String container = fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-5")).get(0).id();

    // 400,000 empty lines at once (a test suite's blank output): no characters, but each still costs a byte.
    fake.exit(container, 1, "\n".repeat(400_000) + "ERROR tests failed");
    assertThat(awaitFinal("b-5").message()).endsWith("tests failed");

    BerthSerialization wire = new BerthSerialization();
    assertThat(reports).allSatisfy(r -> wire.prepare(WireTranslator.toMessage(r)));
    assertThat(log("b-5")).filteredOn(String::isEmpty).hasSizeGreaterThanOrEqualTo(400_000);
  }

  @Test
  void cancelRemovesTheRunningBuilder_andTheJobEnds() throws Exception {
    runner.submit(job("b-4", false, "Dockerfile", "FROM berth/jre:17\n"));
    await(() -> !fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-4")).isEmpty());

    runner.cancel("b-4");

    assertThat(fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-4"))).isEmpty();
    assertThat(awaitFinal("b-4").phase()).isEqualTo("FAILED");
    await(() -> !Files.exists(dir.resolve("jobs/b-4")));
  }

  @Test
  void damagedContext_failsWithoutStartingABuilder() throws Exception {
    BuildAssignment job = job("b-3", false, "Dockerfile", "FROM x\n");
    runner.submit(new BuildAssignment("b-3", job.tags(), false, null, true, job.contextBytes(), "0".repeat(64)));
    BuildReport last = awaitFinal("b-3");

    assertThat(last.phase()).isEqualTo("FAILED");
    assertThat(last.message()).contains("arrived damaged");
    assertThat(requests).isEmpty();
  }

  @Test
  void leftoverBuilderOfAnEarlierAgent_isRemoved_andItsJobReportedFailedOnceTheLinkIsUp() throws Exception {
    fake.start(new ContainerRequest("berth-build-b-old", "berth/jre:17", List.of(), List.of(), List.of(),
        Map.of(ContainerLabels.ROLE, "build", ContainerLabels.BUILD_NODE, "n1", ContainerLabels.BUILD_JOB, "b-old"),
        0, 0, List.of(), Map.of()));
    fake.start(new ContainerRequest("berth-build-b-other", "berth/jre:17", List.of(), List.of(), List.of(),
        Map.of(ContainerLabels.ROLE, "build", ContainerLabels.BUILD_NODE, "n2", ContainerLabels.BUILD_JOB, "b-x"),
        0, 0, List.of(), Map.of()));
    linkUp = false;

    runner.start();
    runner.joined();
    assertThat(reports).isEmpty();
    linkUp = true;
    runner.joined();

    assertThat(fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-old"))).isEmpty();
    assertThat(fake.list(Map.of(ContainerLabels.BUILD_JOB, "b-x"))).hasSize(1);
    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.jobId()).isEqualTo("b-old");
      assertThat(r.phase()).isEqualTo("FAILED");
      assertThat(r.message()).contains("restarted");
    });
  }
}
