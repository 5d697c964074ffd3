package dev.berth.imagebuilder.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.docker.ImageLayers;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.api.ImagePlan;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Daemonless builds of an image plan, base read from the engine, to the engine, a tar file and a registry. */
@ExtendWith(DockerEngine.class)
class JibBackendIT {

  static final String BASE = "berth/jre:17";
  static final String IMAGE = "berth-test/jib-backend:" + DockerEngine.runId();

  @TempDir static Path cache;
  @TempDir Path dir;

  @BeforeAll
  static void base() throws Exception {
    BaseImages.shared().ensure("jre-17");
  }

  @AfterAll
  static void cleanUp() {
    ImageLayers.remove(IMAGE);
  }

  JibBackend backend() {
    return new JibBackend(cache, Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()));
  }

  ImagePlan plan() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("context/lib"));
    Files.writeString(lib.resolve("app.jar"), "not really a jar " + System.nanoTime());
    Path writable = Files.createDirectories(dir.resolve("context/writable/logs"));
    return new ImagePlan(BASE, "jre-17",
        List.of(new ImagePlan.Layer("application", lib, "/app/lib/"),
            new ImagePlan.Layer("writable", writable.getParent(), "/app/")),
        List.of("java", "-cp", "/app/lib/*", "com.acme.Main"), List.of(),
        Map.of("APP_HOME", "/app"), Map.of("dev.berth.stack", "jvm-jar"), "10001:0", "/app", List.of(8080),
        List.of(), "10001:0", Instant.parse("1980-01-01T00:00:00Z"));
  }

  @Test
  void buildsIntoTheEngineWithThePlansConfig() throws Exception {
    BuildResult result = backend().build(
        new BuildPlan.JibBuild(plan(), true, List.of(IMAGE), new BuildTarget.Engine()), BuildListener.none());

    try (DockerClient docker = DockerClients.local()) {
      InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();
      assertThat(image.getId()).isEqualTo(result.imageId());
      assertThat(image.getConfig().getEntrypoint()).containsExactly("java", "-cp", "/app/lib/*", "com.acme.Main");
      assertThat(image.getConfig().getUser()).isEqualTo("10001:0");
      assertThat(image.getConfig().getWorkingDir()).isEqualTo("/app");
      assertThat(image.getConfig().getEnv()).contains("APP_HOME=/app");
      assertThat(image.getConfig().getLabels())
          .containsEntry("dev.berth.stack", "jvm-jar")
          .containsEntry(DockerEngine.RUN_LABEL, DockerEngine.runId());
      // The base's layers come first: the image is built on berth/jre:17, not from scratch.
      List<String> baseLayers = docker.inspectImageCmd(BASE).exec().getRootFS().getLayers();
      assertThat(image.getRootFS().getLayers()).startsWith(baseLayers.toArray(String[]::new));
      assertThat(image.getRootFS().getLayers()).hasSize(baseLayers.size() + 2);
    }
  }

  @Test
  void writesATarAndPushesToARegistry() throws Exception {
    Path tar = dir.resolve("image.tar");
    backend().build(new BuildPlan.JibBuild(plan(), true, List.of(IMAGE), new BuildTarget.Tar(tar)),
        BuildListener.none());
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("manifest.json");

    RegistryAuth anonymous = new RegistryAuth(null, null, dir.resolve("no-docker-config.json"));
    try (LocalRegistry registry = LocalRegistry.start()) {
      String repo = "berth-test/jib-" + DockerEngine.runId().toLowerCase();
      BuildResult pushed = backend().build(
          new BuildPlan.JibBuild(plan(), true, List.of(registry.address() + "/" + repo + ":1"),
              new BuildTarget.Registry(anonymous)),
          BuildListener.none());
      assertThat(pushed.pushed()).isTrue();
      assertThat(registry.manifestDigest(repo, "1")).isEqualTo(pushed.digest());

      // What a Kubernetes deploy reads back to size the JVM: the labels, by tag and by digest, no layer pulled.
      String reference = registry.address() + "/" + repo;
      assertThat(RegistryImageLabels.read(reference + ":1", anonymous))
          .containsEntry("dev.berth.stack", "jvm-jar")
          .containsEntry(DockerEngine.RUN_LABEL, DockerEngine.runId());
      assertThat(RegistryImageLabels.read(reference + "@" + pushed.digest(), anonymous)).containsEntry("dev.berth.stack", "jvm-jar");
      assertThatThrownBy(() -> RegistryImageLabels.read(reference + ":no-such-tag", anonymous))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining(reference + ":no-such-tag");
    }
  }
  @Test
  void pushesWithTheLoginInTheDockerConfigAndSaysHowToGiveOneWhenRefused() throws Exception {
    String password = "pw-" + System.nanoTime();
    try (LocalRegistry registry = LocalRegistry.startWithLogin("ci-pusher", password)) {
      String repo = "berth-test/jib-login-" + DockerEngine.runId().toLowerCase();
      List<String> tags = List.of(registry.address() + "/" + repo + ":1");
      RegistryAuth none = new RegistryAuth(null, null, dir.resolve("no-docker-config/config.json"));
      assertThatThrownBy(() -> backend().build(
              new BuildPlan.JibBuild(plan(), true, tags, new BuildTarget.Registry(none)), BuildListener.none()))
          .isInstanceOf(ImageBuildException.class)
          .hasMessageContaining("the registry " + registry.address() + " refused")
          .hasMessageContaining("docker login " + registry.address());

      Path config = Files.createDirectories(dir.resolve("docker"));
      Files.writeString(config.resolve("config.json"), "{\"auths\": {\"https://" + registry.address()
          + "\": {\"auth\": \"" + java.util.Base64.getEncoder().encodeToString(("ci-pusher:" + password).getBytes())
          + "\"}}}");
      BuildResult pushed = backend().build(
          new BuildPlan.JibBuild(plan(), true, tags,
              new BuildTarget.Registry(RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString())))),
          BuildListener.none());

      assertThat(pushed.pushed()).isTrue();
      assertThat(registry.manifestDigest(repo, "1")).isEqualTo(pushed.digest());
    }
  }
}
