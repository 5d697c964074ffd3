package dev.berth.imagebuilder.jib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.api.RegistryLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

  @TempDir Path dir;

  @Test
  void findsTheDockerConfigsEntryForTheRegistryOnly() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"auths\": {"
        + "\"registry.acme.example:5000\": {\"auth\": \"" + basic("deployer", "t0ken") + "\"},"
        + "\"https://other.example\": {\"auth\": \"" + basic("someone", "else") + "\"}}}");
    RegistryAuth auth = RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()));

    RegistryLogin login = RegistryCredentials.find(auth, "registry.acme.example:5000").orElseThrow();

    assertThat(login.username()).isEqualTo("deployer");
    assertThat(login.password()).isEqualTo("t0ken");
    assertThat(login.source()).isEqualTo("Docker config " + dir.resolve("config.json"));
    assertThat(RegistryCredentials.find(auth, "other.example").orElseThrow().username()).isEqualTo("someone");
    assertThat(RegistryCredentials.find(auth, "registry.unknown.example")).isEmpty();
  }

  @Test
  void explicitLoginWinsOverTheDockerConfigAndNoConfigMeansAnonymous() throws Exception {
    Files.writeString(dir.resolve("config.json"),
        "{\"auths\": {\"r.example\": {\"auth\": \"" + basic("from-config", "x") + "\"}}}");

    RegistryLogin login = RegistryCredentials.find(
        new RegistryAuth("from-pipeline", "y", dir.resolve("config.json")), "r.example").orElseThrow();

    assertThat(login.username()).isEqualTo("from-pipeline");
    assertThat(login.source()).isEqualTo("BERTH_REGISTRY_USERNAME/BERTH_REGISTRY_PASSWORD");
    assertThat(RegistryCredentials.find(new RegistryAuth(null, null, dir.resolve("missing/config.json")),
        "r.example")).isEmpty();
  }

  @Test
  void theHintSaysWhereBerthLookedAndHowToGiveALogin() {
    RegistryAuth config = new RegistryAuth(null, null, Path.of("/home/ci/.docker/config.json"));

    assertThat(RegistryCredentials.hint(config, "r.example"))
        .contains("BERTH_REGISTRY_USERNAME/BERTH_REGISTRY_PASSWORD", "docker login r.example",
            "/home/ci/.docker/config.json");
    assertThat(RegistryCredentials.hint(new RegistryAuth("ci", "pw", config.dockerConfig()), "r.example"))
        .startsWith("check the login in BERTH_REGISTRY_USERNAME");
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
