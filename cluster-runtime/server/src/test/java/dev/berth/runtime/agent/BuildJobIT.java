package dev.berth.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import dev.berth.imagebuilder.testing.Samples;
import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.master.transport.KryonetNodeTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build jobs end to end on the real engine: a master, a Kryonet agent, the context uploaded over HTTP and fetched by
 * the agent over the node link, Berth's builder run as a container with the engine's socket, the log followed
 * through the client. One master and agent serve every test.
 */
@ExtendWith(DockerEngine.class)
class BuildJobIT {

  @TempDir static Path state;
  @TempDir static Path agentState;
  @TempDir static Path work;
  private static final ByteArrayOutputStream masterLog = new ByteArrayOutputStream();
  private static final List<String> images = new ArrayList<>();
  private static MasterMain master;
  private static RunningAgent agent;
  private static BerthClient client;

  @BeforeAll
  static void start() throws Exception {
    // The builder runs in this base and the rendered Dockerfiles start FROM it.
    BaseImages.shared().ensure("jre-17");
    PrintStream log = new PrintStream(masterLog, true);
    master = MasterMain.start(new MasterConfig(state, "127.0.0.1", 0, 0, "t"),
        (dir, host, port, inbox) -> KryonetNodeTransport.start(dir, host, port, inbox, log), log);
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
    agent = AgentMain.start(new AgentConfig("127.0.0.1", master.nodePort(), JoinTokenFile.readOrCreate(state),
        "build-" + DockerEngine.runId(), "127.0.0.1", null, agentState, Map.of(),
        Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())));
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!agent.joined() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(agent.joined()).as("agent joined; master log:\n%s", masterLog).isTrue();
  }

  @AfterAll
  static void stop() throws IOException {
    if (agent != null) {
      agent.close();
    }
    if (master != null) {
      master.close();
    }
    DockerEngine.removeRunLeftovers(images);
  }

  private static String image(String name) {
    String ref = "berth-it/" + name + ":" + DockerEngine.runId().toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
    images.add(ref);
    return ref;
  }

  @Test
  void renderedLegacyApp_isBuiltOnTheNode_withFactLabels_andTheEnginesImageId() throws Exception {
    Path app = Samples.l1DistJdk7(work.resolve("app"));
    Path out = work.resolve("rendered");
    try (Detection detection = ImageBuilder.detect(app, DetectOptions.none())) {
      ImageBuilder.renderDockerfile(detection, RenderOptions.into(out).offline(true));
    }
    Path context = tarGz(out, work.resolve("rendered.tar.gz"));
    String tag = image("jobs-billing");

    long t0 = System.nanoTime();
    BuildJobStatus submitted =
        client.submitBuild(new BuildJobRequest(List.of(tag), false, null, true, "billing"), context);
    long uploadMillis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(submitted.phase()).isIn(BuildJobPhase.PENDING, BuildJobPhase.RUNNING);
    assertThat(submitted.contextBytes()).isEqualTo(Files.size(context));
    List<String> lines = new ArrayList<>();
    BuildJobStatus done = client.followBuild(submitted.id(), lines::add, Duration.ofMinutes(5));
    long totalMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(done.phase()).as("log:\n%s", String.join("\n", lines)).isEqualTo(BuildJobPhase.SUCCEEDED);
    assertThat(done.exitCode()).isZero();
    assertThat(done.node()).isEqualTo("build-" + DockerEngine.runId());
    assertThat(lines).anyMatch(l -> l.startsWith("==> Running Berth's builder"));
    try (DockerClient d = DockerClients.local()) {
      InspectImageResponse built = d.inspectImageCmd(tag).exec();
      assertThat(done.imageId()).isEqualTo(built.getId());
      assertThat(built.getConfig().getLabels()).containsKey(FactLabels.STACK);
      // The builder container is gone once the job ended.
      assertThat(d.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(ContainerLabels.BUILD_JOB, done.id())).exec()).isEmpty();
    }
    System.out.printf("build job %s: context %d bytes uploaded in %d ms; submit to SUCCEEDED %d ms"
            + " (node start to finish %d ms)%n", done.id(), done.contextBytes(), uploadMillis, totalMillis,
        Duration.between(done.startedAt(), done.finishedAt()).toMillis());
  }

  @Test
  void appFolderWithoutDockerfile_isDetectedAndBuiltByTheBuilder() throws Exception {
    Path app = Samples.l1DistJdk7(work.resolve("raw"));
    String tag = image("jobs-detected");
    BuildJobStatus submitted =
        client.submitBuild(BuildJobRequest.of(tag), tarGz(app, work.resolve("raw.tar.gz")));
    List<String> lines = new ArrayList<>();
    BuildJobStatus done = client.followBuild(submitted.id(), lines::add, Duration.ofMinutes(5));

    assertThat(done.phase()).as("log:\n%s", String.join("\n", lines)).isEqualTo(BuildJobPhase.SUCCEEDED);
    assertThat(lines).anyMatch(l -> l.contains("Detecting"));
    try (DockerClient d = DockerClients.local()) {
      assertThat(d.inspectImageCmd(tag).exec().getId()).isEqualTo(done.imageId());
    }
  }

  @Test
  void pushingJob_reportsTheDigestTheRegistryServes() throws Exception {
    Path small = Files.createDirectories(work.resolve("small"));
    Files.writeString(small.resolve("hello.txt"), "hello from a build job\n");
    Files.writeString(small.resolve("Dockerfile"), "FROM berth/jre:17\nCOPY hello.txt /hello.txt\n");
    try (LocalRegistry registry = LocalRegistry.start()) {
      String repo = "berth-it/jobs-push-" + DockerEngine.runId().toLowerCase().replaceAll("[^a-z0-9]", "");
      String tag1 = registry.address() + "/" + repo + ":1";
      String tag2 = registry.address() + "/" + repo + ":latest";
      images.add(tag1);
      images.add(tag2);
      BuildJobStatus submitted = client.submitBuild(new BuildJobRequest(List.of(tag1, tag2), true, null, true, null),
          tarGz(small, work.resolve("small.tar.gz")));
      List<String> lines = new ArrayList<>();
      BuildJobStatus done = client.followBuild(submitted.id(), lines::add, Duration.ofMinutes(3));

      assertThat(done.phase()).as("log:\n%s", String.join("\n", lines)).isEqualTo(BuildJobPhase.SUCCEEDED);
      assertThat(done.push()).isTrue();
      assertThat(done.digest()).startsWith("sha256:");
      assertThat(registry.manifestDigest(repo, "1")).isEqualTo(done.digest());
      assertThat(registry.manifestDigest(repo, "latest")).isEqualTo(done.digest());
    }
  }

  @Test
  void dockerfileCopyingAMissingFile_failsWithTheBuildersErrorInTheLog() throws Exception {
    Path broken = Files.createDirectories(work.resolve("broken"));
    Files.writeString(broken.resolve("Dockerfile"), "FROM berth/jre:17\nCOPY missing.txt /app/missing.txt\n");
    BuildJobStatus submitted =
        client.submitBuild(BuildJobRequest.of(image("jobs-broken")), tarGz(broken, work.resolve("broken.tar.gz")));
    List<String> lines = new ArrayList<>();
    BuildJobStatus done = client.followBuild(submitted.id(), lines::add, Duration.ofMinutes(3));

    assertThat(done.phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(done.exitCode()).isNotNull().isNotZero();
    assertThat(lines).anyMatch(l -> l.startsWith("ERROR ") && l.contains("missing.txt"));
    assertThat(done.message()).contains("exited with code " + done.exitCode()).contains("missing.txt");
    assertThat(done.imageId()).isNull();
  }

  @Test
  void wrongToken_is401_badTag_is400_unknownJob_is404() throws Exception {
    BerthClient wrong = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "not-the-token");
    assertThatThrownBy(wrong::builds)
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(401));

    Path empty = Files.createDirectories(work.resolve("empty"));
    Path context = tarGz(empty, work.resolve("empty.tar.gz"));
    assertThatThrownBy(() -> client.submitBuild(BuildJobRequest.of("Not An Image"), context))
        .isInstanceOfSatisfying(BerthApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error().field()).isEqualTo("tags[0]");
          assertThat(e.error().value()).isEqualTo("Not An Image");
        });
    assertThatThrownBy(() -> client.build("b-nothere"))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  /** The folder as the tar a Docker build takes, gzipped, as a client ships a context. */
  private static Path tarGz(Path folder, Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      ImageBuilder.writeContext(folder, out);
    }
    return file;
  }
}
