package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.thoughtworks.xstream.XStream;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import dev.berth.imagebuilder.testing.Samples;
import dev.berth.jenkins.actions.BerthBuildAction;
import dev.berth.jenkins.actions.DashboardData;
import dev.berth.runtime.agent.AgentConfig;
import dev.berth.runtime.agent.AgentMain;
import dev.berth.runtime.agent.RunningAgent;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.master.transport.KryonetNodeTransport;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Berth steps end to end through a test StepContext on the real engine and a real Berth master with a real
 * agent (both in this JVM, as {@code berth up} runs them): detect, Dockerfile, build, deploy and status of a
 * generated legacy dist; then the ways a build fails against the real master, each with one line.
 */
@ExtendWith(DockerEngine.class)
class BerthStepsIT {

  private static final String TOKEN = "steps-it-token";
  private static final String REPOSITORY = "berth-test/jenkins-billing";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path masterState;
  @TempDir static Path agentState;
  private static final ByteArrayOutputStream MASTER_LOG = new ByteArrayOutputStream();
  private static MasterMain master;
  private static RunningAgent agent;
  private static BerthClient client;
  private static String nodeId;
  private static LocalRegistry registry;
  private static final List<String> IMAGES = new ArrayList<>();

  @TempDir Path ws;
  private final RecordingListener listener = new RecordingListener();
  /** What {@code Run.save()} wrote for the action last, as core's XStream would put it in build.xml. */
  private final AtomicReference<String> buildXml = new AtomicReference<>();
  private final XStream xstream = new XStream();

  @BeforeAll
  static void startMasterAndAgent() throws Exception {
    BaseImages.shared().ensure("jre-17");
    BaseImages.shared().ensure("static");
    registry = LocalRegistry.start();
    PrintStream log = new PrintStream(MASTER_LOG, true);
    master = MasterMain.start(new MasterConfig(masterState, "127.0.0.1", 0, 0, TOKEN),
        (dir, host, port, inbox) -> KryonetNodeTransport.start(dir, host, port, inbox, log), log);
    client = new BerthClient(URI.create(masterUrl()), TOKEN);
    nodeId = "steps-it-" + DockerEngine.runId();
    agent = AgentMain.start(new AgentConfig("127.0.0.1", master.nodePort(), JoinTokenFile.readOrCreate(masterState),
        nodeId, "127.0.0.1", null, agentState, Map.of(), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())));
    awaitTrue(agent::joined, Duration.ofSeconds(15));
  }

  @BeforeEach
  void allowActionType() {
    xstream.allowTypes(new Class<?>[] {BerthBuildAction.class});
  }

  @AfterEach
  void deleteApps() throws Exception {
    for (AppStatus a : client.apps()) {
      client.delete(a.spec().namespace(), a.spec().name());
    }
    awaitTrue(() -> containers().isEmpty(), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (master != null) {
      master.close();
    }
    if (registry != null) {
      registry.close();
    }
    try (DockerClient d = DockerClients.local()) {
      for (String id : containers()) {
        d.removeContainerCmd(id).withForce(true).exec();
      }
      for (String image : IMAGES) {
        try {
          d.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
          // Never built (the test failed before).
        }
      }
    }
  }

  @Test
  void detectDockerfileBuildDeployStatus_legacyDist_runsOnTheMasterAndIsRecordedOnTheBuild() throws Exception {
    Path app = Samples.l1DistJdk7(ws);
    String dir = ws.relativize(app).toString();
    Run<?, ?> run = run(7);
    TestStepContext context = context(run, env(masterUrl(), TOKEN));
    String image = registry.address() + "/" + REPOSITORY;
    String tag = image + ":" + DockerEngine.runId();
    IMAGES.add(tag);

    BerthDetectStep detect = new BerthDetectStep();
    detect.setDir(dir);
    Map<String, Object> detected = new BerthDetectExecution(detect, context).run();
    BerthDockerfileStep dockerfile = new BerthDockerfileStep();
    dockerfile.setDir(dir);
    Map<String, Object> rendered = new BerthDockerfileExecution(dockerfile, context).run();
    // auto with a master configured: a build job on the cluster, run by the agent on the real engine, pushed.
    BerthBuildStep build = new BerthBuildStep(image);
    build.setDir(dir);
    build.setTags(DockerEngine.runId());
    build.setPush(true);
    long buildStart = System.nanoTime();
    Map<String, Object> built = new BerthBuildExecution(build, context).run();
    long buildMs = (System.nanoTime() - buildStart) / 1_000_000;
    // No spec file: the first deploy drafts one from detection of the same folder.
    BerthDeployStep deploy = new BerthDeployStep("billing");
    deploy.setDir(dir);
    deploy.setReplicas(2);
    // What was pushed, pinned to its digest, as a pipeline passes r.reference on.
    deploy.setImage((String) built.get("reference"));
    deploy.setTimeoutSeconds(90);
    long deployStart = System.nanoTime();
    Map<String, Object> deployed = new BerthDeployExecution(deploy, context, Duration.ofMillis(250)).run();
    long deployMs = (System.nanoTime() - deployStart) / 1_000_000;
    Map<String, Object> status = new BerthStatusExecution(new BerthStatusStep("billing"), context).run();
    System.out.printf("BerthStepsIT timings: build %d ms, deploy (rollout to ready) %d ms%n", buildMs, deployMs);

    assertThat(detected).containsEntry("outcome", "OK").containsEntry("stack", "jvm-dist");
    assertThat(rendered).containsEntry("generated", true).containsEntry("dockerfile", dir + "/.berth/Dockerfile");
    String digest = registry.manifestDigest(REPOSITORY, DockerEngine.runId());
    assertThat(digest).startsWith("sha256:");
    String pinned = image + "@" + digest;
    assertThat(built).containsEntry("image", tag).containsEntry("tags", List.of(tag))
        .containsEntry("builder", "cluster").containsEntry("pushed", true).containsEntry("digest", digest)
        .containsEntry("reference", pinned).containsEntry("tarFile", "");
    String imageId = (String) built.get("imageId");
    assertThat(imageId).matches("sha256:[0-9a-f]{64}");
    try (DockerClient d = DockerClients.local()) {
      InspectImageResponse inNodeEngine = d.inspectImageCmd(tag).exec();
      assertThat(inNodeEngine.getId()).isEqualTo(imageId);
      // The size the node's engine reports travels back with the job.
      assertThat(built).containsEntry("sizeBytes", inNodeEngine.getSize());
    }
    assertThat(deployed).containsEntry("outcome", "SUCCEEDED").containsEntry("ready", 2L)
        .containsEntry("desired", 2L).containsEntry("app", "billing");
    assertThat(status).containsEntry("app", "billing").containsEntry("healthy", 2L).containsEntry("ready", true)
        .containsEntry("revision", deployed.get("revision"));
    // The drafted spec is the one the master runs: the start script's -Xmx1024m sized through the JVM facts.
    AppSpec drafted = ApiJson.readSpec(Files.readString(app.resolve(".berth/app.yaml")));
    assertThat(drafted.image()).isEqualTo(pinned);
    assertThat(drafted.replicas()).isEqualTo(2);
    assertThat(drafted.jvm().facts().legacyXmx()).isEqualTo("1024m");
    assertThat(drafted.resources().memoryBytes()).isGreaterThan(1024L << 20);
    assertThat(drafted.ports()).extracting(p -> p.port()).containsExactly(8081);
    assertThat(client.app("default", "billing").spec()).isEqualTo(drafted);
    // The deployed replica is the built app: it answers on its published port.
    ReplicaStatus replica = client.app("default", "billing").replicas().get(0);
    assertThat(replica.node()).isEqualTo(nodeId);
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + replica.hostPorts().get(8081) + "/")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(body).contains("billing ok");

    assertThat(listener.text())
        .contains("[Berth] Wrote " + dir + "/.berth/Dockerfile")
        .contains("[Berth] builder auto: cluster, because a Berth master is configured (" + masterUrl() + ").")
        .contains("[Berth] Building " + dir + " (stack jvm-dist) as a build job on the Berth cluster")
        .contains("[Berth] build job ")
        .contains("  ==> Running Berth's builder")
        .contains("[Berth] Built " + tag + " (" + digest + ") with cluster in ")
        .contains("[Berth] No spec: given, so drafted " + dir + "/.berth/app.yaml from detection (default/billing:")
        .contains("[Berth] app default/billing ").contains("rollout complete: 2/2 ready")
        .doesNotContain(TOKEN).doesNotContain("\tat ");
    assertThat(listener.text().lines().filter(l -> l.contains("Step ")).count())
        .as("the node's build output streamed into the log").isPositive();

    // The action as build.xml keeps it, read back as Jenkins would after a restart.
    BerthBuildAction restored = (BerthBuildAction) xstream.fromXML(buildXml.get());
    assertThat(restored.getStack()).isEqualTo("jvm-dist");
    assertThat(restored.getImage()).as("the deployed reference").isEqualTo(pinned);
    assertThat(restored.getDigest()).isEqualTo(digest);
    assertThat(restored.getImageId()).isEqualTo(imageId);
    assertThat(restored.getBuilder()).isEqualTo("cluster");
    assertThat(restored.getDeployOutcome()).isEqualTo("SUCCEEDED");
    JsonNode data = JSON.readTree(JSON.writeValueAsString(restored.toMap()));
    assertThat(data.get("image").get("tags").get(0).asText()).isEqualTo(tag);
    assertThat(data.get("deploy").get("ready").asLong()).isEqualTo(2);
    assertThat(data.get("deploy").get("dashboardPath").asText()).isEqualTo("berth/#default/billing");

    // The dashboard's JSON over the real master's records.
    JsonNode rows = JSON.readTree(JSON.writeValueAsString(DashboardData.of(client.apps(), Map.of(), e -> null)))
        .get("apps");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("app").asText()).isEqualTo("billing");
    assertThat(rows.get(0).get("image").asText()).isEqualTo(pinned);
    assertThat(rows.get(0).get("ready").asLong()).isEqualTo(2);
    assertThat(rows.get(0).get("health").asText()).isEqualTo("HEALTHY");
    assertThat(rows.get(0).get("nodes").get(0).asText()).isEqualTo(nodeId);
  }

  @Test
  void failingRollout_onTheRealMaster_failsTheBuildWithOneLine() throws Exception {
    // Runs, but nothing answers its health check: the rollout can never progress.
    Files.writeString(ws.resolve("stuck.yaml"), "name: stuck\nimage: berth/static:busybox\n"
        + "command: [sleep, '600']\nresources: {memory: 16Mi, cpu: 50m}\nports: [{name: http, port: 8080}]\n"
        + "health: {http: {path: /}, period: 1s}\nupdate: {progressDeadline: 5s}\n");
    BerthDeployStep deploy = new BerthDeployStep("stuck");
    deploy.setSpec("stuck.yaml");
    deploy.setTimeoutSeconds(60);

    Throwable thrown = catchThrowable(() -> new BerthDeployExecution(deploy, context(run(8), env(masterUrl(), TOKEN)),
        Duration.ofMillis(250)).run());

    assertThat(thrown).as("berthDeploy's log:%n%s", listener.text())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: default/stuck revision 1: FAILED, 0/1 ready")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN));
    // The master's events may name a health check's cause; what must not appear is a Java stack trace.
    assertThat(listener.text()).contains("rollout failed").doesNotContain("\tat ").doesNotContain("Caused by");
  }

  @Test
  void failingClusterBuild_failsTheBuildWithOneLineNamingTheJob() throws Exception {
    Path app = Files.createDirectories(ws.resolve("broken"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/static:busybox\nRUN echo cannot build this; exit 7\n");
    BerthBuildStep build = new BerthBuildStep(REPOSITORY + "-broken");
    build.setDir("broken");
    build.setBuilder("cluster");

    Throwable thrown = catchThrowable(() -> new BerthBuildExecution(build, context(run(9), env(masterUrl(), TOKEN)))
        .run());

    assertThat(thrown).as("berthBuild's log:%n%s", listener.text()).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: build job ").hasMessageContaining(" failed on node " + nodeId)
        .hasMessageContaining("returned a non-zero code: 7")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN));
    assertThat(listener.text()).contains("cannot build this").doesNotContain("\tat ");
  }

  @Test
  void wrongToken_isRefusedByTheRealMaster_withOneLineWithoutEitherToken() {
    BerthStatusStep status = new BerthStatusStep("billing");

    assertThatThrownBy(() -> new BerthStatusExecution(status, context(null, env(masterUrl(), "not-the-token")))
        .run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthStatus: cannot read default/billing from the Berth master at " + masterUrl())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("not-the-token")
            .doesNotContain(TOKEN).contains("wrong bearer token"));
  }

  @Test
  void unreachableMaster_failsDeployWithOneLineNamingTheUrl() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Files.writeString(ws.resolve("app.yaml"), "name: shop\nimage: berth/static:busybox\n");
    BerthDeployStep deploy = new BerthDeployStep("shop");
    deploy.setSpec("app.yaml");

    assertThatThrownBy(() -> new BerthDeployExecution(deploy, context(null, env("http://127.0.0.1:" + closed, TOKEN)),
        Duration.ofMillis(250)).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: the Berth master at http://127.0.0.1:" + closed)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN)
            .contains("cannot reach the master"));
  }

  private TestStepContext context(Run<?, ?> run, EnvVars env) throws ReflectiveOperationException {
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws));
    if (run != null) {
      context.with(Run.class, run);
    }
    return context;
  }

  private static EnvVars env(String url, String token) {
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", url);
    env.put("BERTH_TOKEN", token);
    return env;
  }

  /** A build that keeps its one action and "saves" it as XStream XML, as core's Run does into build.xml. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Run<?, ?> run(int number) throws Exception {
    Run run = mock(Run.class);
    AtomicReference<BerthBuildAction> action = new AtomicReference<>();
    when(run.getNumber()).thenReturn(number);
    when(run.getFullDisplayName()).thenReturn("billing #" + number);
    when(run.getExternalizableId()).thenReturn("billing#" + number);
    when(run.getUrl()).thenReturn("job/billing/" + number + "/");
    when(run.getAction(BerthBuildAction.class)).thenAnswer(i -> action.get());
    doAnswer(i -> {
      action.set(i.getArgument(0));
      return null;
    }).when(run).addAction(any());
    doAnswer(i -> {
      buildXml.set(xstream.toXML(action.get()));
      return null;
    }).when(run).save();
    return run;
  }

  private static String masterUrl() {
    return "http://127.0.0.1:" + master.apiPort();
  }

  private static List<String> containers() {
    try (DockerClient d = DockerClients.local()) {
      return d.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())).exec().stream()
          .map(c -> c.getId()).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; master log:\n" + MASTER_LOG);
      }
      Thread.sleep(200);
    }
  }
}
