package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepWorkspaceTest {

  @TempDir Path ws;

  @Test
  void of_dirInWorkspace_resolvesAndNamesPathsRelatively() throws Exception {
    Files.createDirectories(ws.resolve("dist"));
    StepWorkspace w = StepWorkspace.of("berthDetect", TestStepContext.workspace(ws), "dist");
    assertThat(w.folder()).isEqualTo(ws.resolve("dist"));
    assertThat(w.relative(w.folder().resolve(".berth/detect-report.json"))).isEqualTo("dist/.berth/detect-report.json");
    assertThat(w.relative(ws)).isEqualTo(".");
  }

  @Test
  void of_noWorkspace_saysToRunInANode() {
    assertThatThrownBy(() -> StepWorkspace.of("berthDetect", null, ""))
        .isInstanceOf(AbortException.class).hasMessage(
            "berthDetect: no workspace; run it inside node { ... } or a declarative agent.");
  }

  @Test
  void of_dirLeavingWorkspace_namesTheDir() {
    assertThatThrownBy(() -> StepWorkspace.of("berthDockerfile", TestStepContext.workspace(ws), "../x"))
        .isInstanceOf(AbortException.class).hasMessageStartingWith("berthDockerfile: dir '../x' leaves the workspace");
  }

  @Test
  void of_workspaceNotOnThisMachine_explainsTheControllerLimit() {
    assertThatThrownBy(() -> StepWorkspace.of("berthDetect", TestStepContext.workspace(ws.resolve("agent-only")), ""))
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("does not exist on the Jenkins controller")
        .hasMessageContaining("built-in node");
  }
}
