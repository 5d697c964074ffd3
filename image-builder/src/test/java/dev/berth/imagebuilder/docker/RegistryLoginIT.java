package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real registry that asks for a login (htpasswd over TLS): the engine pushes only with Berth's login,
 * given explicitly or found in a Docker config, and labels are read back the same way; without one, or with a wrong
 * one, one line says how to give it, and never shows the password.
 */
@ExtendWith(DockerEngine.class)
class RegistryLoginIT {

  static final String USER = "ci-pusher";

  @TempDir Path dir;

  @Test
  void pushesAndReadsLabelsOnlyWithTheRegistrysLogin() throws Exception {
    BaseImages.shared().ensure("static");
    String password = "pw-" + System.nanoTime();
    RegistryAuth none = new RegistryAuth(null, null, dir.resolve("no-docker-config/config.json"));
    try (LocalRegistry registry = LocalRegistry.startWithLogin(USER, password)) {
      assertThat(registry.statusWithoutLogin()).isEqualTo(401);
      String repo = "berth-test/login-" + DockerEngine.runId().toLowerCase();
      String tag = registry.address() + "/" + repo + ":1";
      List<String> log = new ArrayList<>();
      BuildListener listener = e -> log.add(e.message());
      try {
        assertThatThrownBy(() -> build(tag, none, BuildListener.none()))
            .isInstanceOf(ImageBuildException.class)
            .hasMessageContaining("pushing " + tag + " failed")
            .hasMessageContaining(RegistryAuth.USERNAME_VARIABLE)
            .hasMessageContaining("docker login " + registry.address());
        assertThatThrownBy(() -> build(tag, new RegistryAuth(USER, "wrong-" + password, none.dockerConfig()),
                BuildListener.none()))
            .isInstanceOf(ImageBuildException.class)
            .hasMessageContaining("check the login in " + RegistryAuth.USERNAME_VARIABLE)
            .message().doesNotContain(password);
        assertThat(registry.manifestDigest(repo, "1")).isNull();

        BuildResult pushed = build(tag, new RegistryAuth(USER, password, none.dockerConfig()), listener);

        assertThat(pushed.pushed()).isTrue();
        assertThat(registry.manifestDigest(repo, "1")).isEqualTo(pushed.digest());
        assertThat(log).anyMatch(l -> l.equals("Pushing " + tag + " (login from "
            + RegistryAuth.USERNAME_VARIABLE + "/" + RegistryAuth.PASSWORD_VARIABLE + ")"));
        assertThat(String.join("\n", log)).doesNotContain(password);

        // A Kubernetes deploy reads the labels with the login `docker login` left in the Docker config.
        Path config = Files.createDirectories(dir.resolve("docker"));
        Files.writeString(config.resolve("config.json"), "{\"auths\": {\"" + registry.address() + "\": {\"auth\": \""
            + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
        RegistryAuth dockerConfig = RegistryAuth.fromEnvironment(Map.of("DOCKER_CONFIG", config.toString()));
        assertThat(ImageBuilder.registryLabels(tag, dockerConfig)).containsEntry("dev.berth.test", "login");
        assertThatThrownBy(() -> ImageBuilder.registryLabels(tag, none))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("refused to show " + tag)
            .hasMessageContaining(RegistryAuth.USERNAME_VARIABLE);
      } finally {
        ImageLayers.remove(tag);
      }
    }
  }

  private BuildResult build(String tag, RegistryAuth auth, BuildListener listener) throws Exception {
    Path context = Files.createDirectories(dir.resolve("context"));
    Files.writeString(context.resolve("Dockerfile"),
        "FROM berth/static:busybox\nLABEL dev.berth.test=login\nCOPY page.html /www/\n");
    Files.writeString(context.resolve("page.html"), "only with a login");
    RenderedDockerfile rendered =
        new RenderedDockerfile(context, "static", "static", "static", "berth/static:busybox", null, false, null);
    return new EngineBackend(null, Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))
        .build(new BuildPlan.DockerfileBuild(rendered, List.of(tag), new BuildTarget.Registry(auth)), listener);
  }
}
