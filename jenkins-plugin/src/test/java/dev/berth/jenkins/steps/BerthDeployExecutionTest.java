package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.testing.Samples;
import dev.berth.jenkins.actions.BerthBuildAction;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthDeploy against a loopback master: apply, follow the rollout, and end as the step's arguments say. */
class BerthDeployExecutionTest {

  static final String TOKEN = "deploy-token-123";

  @TempDir Path ws;
  FakeMaster master;
  final RecordingListener listener = new RecordingListener();
  TestStepContext context;

  @BeforeEach
  void start() throws Exception {
    master = new FakeMaster();
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", master.url());
    env.put("BERTH_TOKEN", TOKEN);
    context = new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws));
  }

  @AfterEach
  void stop() {
    master.close();
  }

  Map<String, Object> run(BerthDeployStep step) throws Exception {
    return new BerthDeployExecution(step, context, Duration.ofMillis(10)).run();
  }

  @Test
  void run_existingAppNewImage_appliesTheMastersSpecWithTheImageAndWaitsForCompletion() throws Exception {
    master.status(1, "COMPLETE", 2, 2, "").status(2, "PROGRESSING", 2, 1, "1 of 2 updated")
        .status(2, "COMPLETE", 2, 2, "");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop@sha256:" + "a".repeat(64));

    Map<String, Object> result = run(step);

    assertThat(master.applied).singleElement().asString()
        .contains("\"image\":\"127.0.0.1:5000/shop@sha256:" + "a".repeat(64) + "\"").contains("\"replicas\":2");
    assertThat(result).containsEntry("outcome", "SUCCEEDED").containsEntry("revision", 2L)
        .containsEntry("ready", 2L).containsEntry("desired", 2L);
    assertThat(listener.text()).contains("[Berth] rollout progressing: 1/2 ready, 1 updated, 0 old left - 1 of 2")
        .contains("[Berth] rollout complete: 2/2 ready").doesNotContain(TOKEN);
    assertThat(master.requests).allMatch(r -> r.endsWith("Bearer " + TOKEN));
    assertThat(context.results).isEmpty();
  }

  @Test
  void run_withoutImage_deploysTheImageThisRunsBerthBuildPushed_pinnedToItsDigest() throws Exception {
    master.status(1, "COMPLETE", 2, 2, "").status(2, "COMPLETE", 2, 2, "");
    BerthBuildAction built = new BerthBuildAction();
    built.recordBuild("127.0.0.1:5000/shop:7", java.util.List.of("127.0.0.1:5000/shop:7"), "sha256:" + "c".repeat(64),
        "sha256:" + "b".repeat(64), "cluster", "127.0.0.1:5000/shop@sha256:" + "b".repeat(64));
    hudson.model.Run<?, ?> run = org.mockito.Mockito.mock(hudson.model.Run.class);
    org.mockito.Mockito.when(run.getAction(BerthBuildAction.class)).thenReturn(built);
    context.with(hudson.model.Run.class, run);

    run(new BerthDeployStep("shop"));

    assertThat(master.applied).singleElement().asString()
        .contains("\"image\":\"127.0.0.1:5000/shop@sha256:" + "b".repeat(64) + "\"");
    assertThat(listener.text()).contains("[Berth] no image: given; deploying the one berthBuild built in this run,"
        + " 127.0.0.1:5000/shop@sha256:" + "b".repeat(64));
  }

  @Test
  void run_twoDeploysWithoutImage_bothDeployTheImageBerthBuildPushed() throws Exception {
    master.status(2, "COMPLETE", 2, 2, "");
    BerthBuildAction built = new BerthBuildAction();
    built.recordBuild("127.0.0.1:5000/shop:7", java.util.List.of("127.0.0.1:5000/shop:7"), "sha256:" + "c".repeat(64),
        "sha256:" + "b".repeat(64), "cluster", "127.0.0.1:5000/shop@sha256:" + "b".repeat(64));
    hudson.model.Run<?, ?> run = org.mockito.Mockito.mock(hudson.model.Run.class);
    org.mockito.Mockito.when(run.getAction(BerthBuildAction.class)).thenReturn(built);
    context.with(hudson.model.Run.class, run);

    // Staging, then production: the first deploy records the pinned reference on the build page.
    run(new BerthDeployStep("shop"));
    run(new BerthDeployStep("shop"));

    assertThat(master.applied).hasSize(2)
        .allSatisfy(spec -> assertThat(spec).contains("\"image\":\"127.0.0.1:5000/shop@sha256:" + "b".repeat(64) + "\""));
  }

  @Test
  void run_withoutImage_afterADeployThatNamedItsOwnImage_stillDeploysWhatBerthBuildBuilt() throws Exception {
    master.status(2, "COMPLETE", 2, 2, "");
    BerthBuildAction built = new BerthBuildAction();
    built.recordBuild("127.0.0.1:5000/shop:7", java.util.List.of("127.0.0.1:5000/shop:7"), "", "", "docker",
        "127.0.0.1:5000/shop:7");
    hudson.model.Run<?, ?> run = org.mockito.Mockito.mock(hudson.model.Run.class);
    org.mockito.Mockito.when(run.getAction(BerthBuildAction.class)).thenReturn(built);
    context.with(hudson.model.Run.class, run);
    BerthDeployStep canary = new BerthDeployStep("shop");
    canary.setImage("127.0.0.1:5000/shop:canary");
    built.recordImage(canary.getImage(), ""); // what the first deploy leaves on the build page

    run(new BerthDeployStep("shop"));

    assertThat(master.applied).singleElement().asString().contains("\"image\":\"127.0.0.1:5000/shop:7\"");
  }

  @Test
  void run_failedRollout_failsTheBuildWithOneLine() {
    master.status(1, "COMPLETE", 1, 1, "").status(2, "FAILED", 1, 0, "health check failed 3 times; rolled back");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessage("berthDeploy: default/shop revision 2: FAILED, 0/1 ready after 0 s - health check failed 3 times;"
            + " rolled back");
  }

  @Test
  void run_failedRolloutWithoutFailOnRollback_marksUnstableAndReturnsTheOutcome() throws Exception {
    master.status(1, "COMPLETE", 1, 1, "").status(2, "FAILED", 1, 0, "rolled back");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");
    step.setFailOnRollback(false);

    Map<String, Object> result = run(step);

    assertThat(result).containsEntry("outcome", "FAILED");
    assertThat(context.results).hasSize(1);
  }

  @Test
  void run_failedRolloutWithRollbackOnFailure_appliesTheSpecThatRanBefore_andFailsAsRolledBack() {
    master.status(1, "COMPLETE", 1, 1, "").status(2, "FAILED", 1, 0, "health check failed 3 times");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");
    step.setRollbackOnFailure(true);

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: default/shop revision 2: ROLLED_BACK, 0/1 ready");
    assertThat(master.applied).hasSize(2);
    assertThat(master.applied.get(0)).contains("\"image\":\"127.0.0.1:5000/shop:2\"");
    assertThat(master.applied.get(1)).contains("\"image\":\"127.0.0.1:5000/shop:1\"");
    assertThat(listener.text()).contains("[Berth] rolled back: applied the previous spec again");
  }

  @Test
  void run_failedRolloutWithoutRollbackOnFailure_appliesOnce() {
    master.status(1, "COMPLETE", 1, 1, "").status(2, "FAILED", 1, 0, "health check failed 3 times");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class).hasMessageContaining(": FAILED,");
    assertThat(master.applied).hasSize(1);
  }

  @Test
  void run_rolloutNeverEnds_timesOut() {
    master.status(1, "COMPLETE", 1, 1, "").status(2, "PROGRESSING", 1, 0, "pulling");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");
    step.setTimeoutSeconds(1);

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageContaining("TIMED_OUT").hasMessageContaining("gave up waiting after 1 s");
  }

  @Test
  void run_specFile_isAppliedWithItsOwnImageWithoutWaiting() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), "name: shop\nimage: 127.0.0.1:5000/shop:7\nreplicas: 3\n");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setSpec("app.yaml");
    step.setWait(false);

    Map<String, Object> result = run(step);

    assertThat(master.applied).singleElement().asString().contains("\"image\":\"127.0.0.1:5000/shop:7\"")
        .contains("\"replicas\":3");
    assertThat(result).containsEntry("outcome", "APPLIED").containsEntry("revision", 2L);
    assertThat(master.requests).containsExactly("POST /v1/apps Bearer " + TOKEN);
  }

  @Test
  void run_specFileForAnotherApp_isRefusedBeforeAnyRequest() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), "name: billing\nimage: 127.0.0.1:5000/billing:1\n");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setSpec("app.yaml");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageContaining("names app 'billing' but the step deploys 'shop'");
    assertThat(master.requests).isEmpty();
  }

  @Test
  void run_firstDeployWithoutSpec_draftsTheSpecFromDetectionOfTheLegacyApp_andWritesIt() throws Exception {
    Path app = Samples.l1DistJdk7(ws);
    master.newApp().status(2, "COMPLETE", 2, 2, "");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setDir("l1-dist-jdk7");
    step.setImage("127.0.0.1:5000/shop:1");
    step.setReplicas(2);

    Map<String, Object> result = run(step);

    Path file = app.resolve(".berth/app.yaml");
    AppSpec drafted = ApiJson.readSpec(Files.readString(file));
    assertThat(drafted.name()).isEqualTo("shop");
    assertThat(drafted.image()).isEqualTo("127.0.0.1:5000/shop:1");
    assertThat(drafted.replicas()).isEqualTo(2);
    assertThat(drafted.jvm().automatic()).isTrue();
    assertThat(drafted.jvm().facts().legacyXmx()).isEqualTo("1024m");
    assertThat(drafted.resources().memoryBytes()).isGreaterThan(1024L << 20);
    assertThat(drafted.ports()).extracting(p -> p.port()).containsExactly(8081);
    assertThat(master.applied).singleElement().satisfies(json -> assertThat(ApiJson.readSpec(json)).isEqualTo(drafted));
    assertThat(listener.text()).contains("[Berth] No spec: given, so drafted l1-dist-jdk7/.berth/app.yaml from"
        + " detection (default/shop: image 127.0.0.1:5000/shop:1, 2 replicas, memory "
        + drafted.resources().memory() + ", cpu 500m, port 8081, health tcp 8081, for -Xmx1024m); commit it and pass"
        + " spec: 'l1-dist-jdk7/.berth/app.yaml' to make it editable.");
    assertThat(result).containsEntry("outcome", "SUCCEEDED");
  }

  @Test
  void run_firstDeployWithoutSpec_detectionFails_isOneLineNamingTheFolderAndTheFix() {
    Samples.a1Ambiguous(ws);
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setDir("a1-ambiguous");
    step.setImage("127.0.0.1:5000/shop:1");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: cannot draft a spec for 'shop': detection in a1-ambiguous failed"
            + " [AMBIGUOUS] ")
        .hasMessageContaining("fix: berth.yaml `artifact: target/app-1.0.jar` (pipeline step: artifact:"
            + " 'target/app-1.0.jar'), or pass the app's spec file, e.g. spec: 'a1-ambiguous/.berth/app.yaml'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(master.applied).isEmpty();
  }

  @Test
  void run_firstDeployWithoutSpecOrImage_asksForAnImage() {
    Samples.l1DistJdk7(ws);
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setDir("l1-dist-jdk7");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessage("berthDeploy: no image to deploy default/shop for the first time: pass image:, run berthBuild"
            + " earlier in this run, or pass the app's spec file, e.g. spec: 'app.yaml'");
    assertThat(master.applied).isEmpty();
  }

  @Test
  void run_memoryTooSmallForTheDraftedJvm_failsWithTheSmallestLimit() {
    Samples.l1DistJdk7(ws);
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setDir("l1-dist-jdk7");
    step.setImage("127.0.0.1:5000/shop:1");
    step.setMemory("256Mi");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: cannot draft a spec for 'shop' from l1-dist-jdk7: memory 256Mi is too"
            + " small for this JVM app: the smallest limit that works is ");
    assertThat(master.applied).isEmpty();
  }

  @Test
  void run_appAlreadyOnTheMaster_keepsItsSpec_andSaysReplicasShapeOnlyADraft() throws Exception {
    master.status(1, "COMPLETE", 2, 2, "").status(2, "COMPLETE", 2, 2, "");
    BerthDeployStep step = new BerthDeployStep("shop");
    step.setImage("127.0.0.1:5000/shop:2");
    step.setReplicas(5);

    run(step);

    assertThat(master.applied).singleElement().asString().contains("\"replicas\":2");
    assertThat(listener.text()).contains("[Berth] replicas, memory and cpu shape a drafted spec only; default/shop"
        + " keeps its spec's. Edit the spec to change them.");
    assertThat(ws.resolve(".berth/app.yaml")).doesNotExist();
  }
}
