package dev.berth.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JenkinsfileDraftTest {

  @Test
  void packageStage_followsTheBuildTheRootShows() {
    assertThat(JenkinsfileDraft.packageCommand(true, true, false)).isEqualTo("./mvnw -B -DskipTests package");
    assertThat(JenkinsfileDraft.packageCommand(false, true, true)).isEqualTo("mvn -B -DskipTests package");
    assertThat(JenkinsfileDraft.packageCommand(false, false, true)).isEqualTo("./gradlew --no-daemon assemble");
    assertThat(JenkinsfileDraft.packageCommand(false, false, false)).isNull();
  }

  @Test
  void rootApp_withoutPackageOrCredentials_drafts_theSpecNextToIt() {
    String text = new JenkinsfileDraft(".", "reg.example/web", "web", "node", null, null, null, null).text();

    assertThat(text).doesNotContain("stage('Package')").doesNotContain("withCredentials")
        .contains("berthDeploy drafts .berth/app.yaml from detection")
        .contains("berthDetect dir: '.'")
        .contains("def rollout = berthDeploy app: 'web', dir: '.', rollbackOnFailure: true");
    assertThat(text.chars().filter(c -> c == '{').count()).isEqualTo(text.chars().filter(c -> c == '}').count());
    assertThat(new JenkinsfileDraft(".", "reg.example/web", "web", "node", null, null, null, null).text())
        .isEqualTo(text);
  }

  @Test
  void inputsAJenkinsfileStringWouldHaveToEscape_areRefusedNamingTheField() {
    assertThatThrownBy(() -> new JenkinsfileDraft("apps/it's", "r/x", "x", "node", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("dir 'apps/it's' has characters");
    assertThatThrownBy(() -> new JenkinsfileDraft(".", "r/x", "x", "node", null, null, "nomad", null))
        .hasMessage("target 'nomad' is not berth or kubernetes");
  }
}
