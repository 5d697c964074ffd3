package dev.berth.imagebuilder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {

  @Test
  void explicitLoginComesFromBothVariablesAndNeverShowsThePassword() {
    RegistryAuth auth = RegistryAuth.fromEnvironment(Map.of(
        "BERTH_REGISTRY_USERNAME", "ci", "BERTH_REGISTRY_PASSWORD", "s3cret", "HOME", "/home/ci"));

    assertThat(auth.explicit()).isTrue();
    assertThat(auth.username()).isEqualTo("ci");
    assertThat(auth.password()).isEqualTo("s3cret");
    assertThat(auth.toString()).doesNotContain("s3cret");
    assertThat(new RegistryLogin("r:5000", "ci", "s3cret", "somewhere").toString()).doesNotContain("s3cret");
  }

  @Test
  void dockerConfigIsFoundWhereTheDockerCliLooks() {
    assertThat(RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", "/etc/ci-docker", "HOME", "/home/ci"))
        .dockerConfig()).isEqualTo(Path.of("/etc/ci-docker/config.json"));
    assertThat(RegistryAuth.fromEnvironment(Map.of("HOME", "/home/ci")).dockerConfig())
        .isEqualTo(Path.of("/home/ci/.docker/config.json"));
    assertThat(RegistryAuth.fromEnvironment(Map.of("HOME", "/home/ci")).explicit()).isFalse();
  }

  @Test
  void oneVariableWithoutTheOtherIsOneErrorNamingBoth() {
    assertThatThrownBy(() -> RegistryAuth.fromEnvironment(Map.of("BERTH_REGISTRY_PASSWORD", "s3cret")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("BERTH_REGISTRY_PASSWORD is set but BERTH_REGISTRY_USERNAME is not")
        .hasMessageContaining("usernamePassword")
        .message().doesNotContain("s3cret");
    assertThatThrownBy(() -> RegistryAuth.fromEnvironment(Map.of("BERTH_REGISTRY_USERNAME", "ci",
            "BERTH_REGISTRY_PASSWORD", " ")))
        .hasMessageStartingWith("BERTH_REGISTRY_USERNAME is set but BERTH_REGISTRY_PASSWORD is not");
  }
}
