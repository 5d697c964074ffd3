package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthBuild's failures before any engine or registry is asked, each one line naming the input and the fix. */
class BerthBuildExecutionTest {

  @TempDir Path ws;
  final RecordingListener listener = new RecordingListener();

  TestStepContext context(EnvVars env) throws Exception {
    return new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws));
  }

  @Test
  void run_noImage_failsNamingTheArgument() {
    BerthBuildStep step = new BerthBuildStep(" ");

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars())).run())
        .isInstanceOf(AbortException.class)
        .hasMessage("berthBuild: no image given; name the repository to tag, e.g. image: '127.0.0.1:5000/shop'");
  }

  @Test
  void run_unknownStack_failsWithTheDetectionOutcomeBeforeAnyBuild() throws Exception {
    Files.writeString(ws.resolve("notes.txt"), "nothing to run here");
    BerthBuildStep step = new BerthBuildStep("shop");
    step.setBuilder("docker");

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars())).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: " + ws + ": [UNKNOWN_STACK] no stack recognised")
        .hasMessageContaining("no image built")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void run_committedDockerfileWithJib_isNotReplacedByBerthsOwn() throws Exception {
    Files.createDirectories(ws.resolve("app"));
    Files.writeString(ws.resolve("app/Dockerfile"), "FROM scratch\n");
    BerthBuildStep step = new BerthBuildStep("shop");
    step.setDir("app");
    step.setBuilder("jib");

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars())).run())
        .isInstanceOf(AbortException.class)
        .hasMessage("berthBuild: app/Dockerfile is a committed Dockerfile, which Jib cannot build; use builder:"
            + " 'docker' (an engine where the step runs) or 'cluster' (a build job), or delete the Dockerfile to have"
            + " Berth generate one.");
  }

  @Test
  void run_autoWithAMaster_logsOneLineSayingWhichBuilderAndWhy() throws Exception {
    Files.writeString(ws.resolve("notes.txt"), "nothing to run here");
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", "http://berth-master:7070");
    env.put("BERTH_TOKEN", "secret-token-1");
    BerthBuildStep step = new BerthBuildStep("shop");

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(env)).run()).isInstanceOf(AbortException.class)
        .hasMessageContaining("[UNKNOWN_STACK]");

    assertThat(listener.text().lines().filter(l -> l.startsWith("[Berth] builder auto: ")))
        .containsExactly("[Berth] builder auto: cluster, because a Berth master is configured"
            + " (http://berth-master:7070).");
    assertThat(listener.text()).doesNotContain("secret-token-1");
  }

  @Test
  void run_dockerWithoutAnEngine_failsNamingTheEngineAndTheAlternative() throws Exception {
    Files.writeString(ws.resolve("notes.txt"), "nothing to run here");
    BerthBuildStep step = new BerthBuildStep("shop");
    step.setBuilder("docker");
    String socket = ws.resolve("no-docker.sock").toString();

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars()),
        java.util.Map.of("DOCKER_HOST", "unix://" + socket)).run())
        .isInstanceOf(AbortException.class)
        .hasMessage("berthBuild: builder 'docker' needs a Docker engine where the step runs, and no Docker engine"
            + " answers at unix://" + socket + " (no socket " + socket + "); start one there, point DOCKER_HOST at"
            + " one, or use builder: 'jib' (daemonless).");
  }

  @Test
  void run_autoWithoutMasterOrEngine_picksJibAndSaysWhy() throws Exception {
    Files.writeString(ws.resolve("notes.txt"), "nothing to run here");
    BerthBuildStep step = new BerthBuildStep("shop");
    String socket = ws.resolve("no-docker.sock").toString();

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars()),
        java.util.Map.of("DOCKER_HOST", "unix://" + socket)).run())
        .isInstanceOf(AbortException.class).hasMessageContaining("[UNKNOWN_STACK]");

    assertThat(listener.text()).contains("[Berth] builder auto: jib (daemonless), because no Berth master is"
        + " configured and no Docker engine answers at unix://" + socket);
  }

  @Test
  void run_dirOutsideTheWorkspace_isRefused() {
    BerthBuildStep step = new BerthBuildStep("shop");
    step.setDir("../elsewhere");

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(new EnvVars())).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: dir '../elsewhere' leaves the workspace");
  }
  @Test
  void run_oneOfTheTwoRegistryLoginVariables_failsNamingBothAndShowsNoPassword() throws Exception {
    Files.writeString(ws.resolve("notes.txt"), "nothing to run here");
    EnvVars env = new EnvVars();
    env.put("BERTH_REGISTRY_PASSWORD", "registry-pw-7");
    BerthBuildStep step = new BerthBuildStep("127.0.0.1:5000/shop");
    step.setBuilder("jib");
    step.setPush(true);

    assertThatThrownBy(() -> new BerthBuildExecution(step, context(env)).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: BERTH_REGISTRY_PASSWORD is set but BERTH_REGISTRY_USERNAME is not;")
        .hasMessageContaining("withCredentials usernamePassword")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("registry-pw-7"));
    assertThat(listener.text()).doesNotContain("registry-pw-7").doesNotContain("[UNKNOWN_STACK]");
  }
}
