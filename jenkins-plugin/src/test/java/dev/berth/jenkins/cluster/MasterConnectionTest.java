package dev.berth.jenkins.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterConnectionTest {

  @Test
  void from_buildEnvironmentWinsOverTheControllers() throws Exception {
    MasterConnection c = MasterConnection.from(
        Map.of("BERTH_MASTER_URL", "http://agent-side:7070", "BERTH_TOKEN", "t1"),
        Map.of("BERTH_MASTER_URL", "http://controller:7070", "BERTH_TOKEN", "t2"));
    assertThat(c.url()).hasToString("http://agent-side:7070");
    assertThat(c.token()).isEqualTo("t1");
  }

  @Test
  void from_fallsBackToTheControllersEnvironment() throws Exception {
    MasterConnection c = MasterConnection.from(
        Map.of("BERTH_MASTER_URL", " "), Map.of("BERTH_MASTER_URL", "https://m:7070", "BERTH_TOKEN", "t2"));
    assertThat(c.url()).hasToString("https://m:7070");
    assertThat(c.token()).isEqualTo("t2");
  }

  @Test
  void toString_neverShowsTheToken() throws Exception {
    MasterConnection c = MasterConnection.from(Map.of("BERTH_MASTER_URL", "http://m:7070", "BERTH_TOKEN",
        "very-secret"), Map.of());
    assertThat(c.toString()).contains("http://m:7070").doesNotContain("very-secret");
  }

  @Test
  void from_missingToken_namesTheVariableAndWithCredentials() {
    assertThatThrownBy(() -> MasterConnection.from(Map.of("BERTH_MASTER_URL", "http://m:7070"), Map.of()))
        .isInstanceOf(MasterConnectionException.class)
        .hasMessageContaining("BERTH_TOKEN is not set")
        .hasMessageContaining("withCredentials");
  }

  @Test
  void from_notAnHttpUrl_namesTheValue() {
    assertThatThrownBy(() -> MasterConnection.from(
        Map.of("BERTH_MASTER_URL", "berth-master:7070", "BERTH_TOKEN", "t"), Map.of()))
        .isInstanceOf(MasterConnectionException.class)
        .hasMessageContaining("'berth-master:7070' is not an http(s) URL");
  }
}
