package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The engine backend pushes every tag to a real registry on 127.0.0.1 and reports the manifest digest. */
@ExtendWith(DockerEngine.class)
class RegistryPushIT {

  @TempDir Path dir;

  @Test
  void pushesEveryTagAndReportsTheRegistrysDigest() throws Exception {
    BaseImages.shared().ensure("static");
    try (LocalRegistry registry = LocalRegistry.start()) {
      String repo = "berth-test/push-" + DockerEngine.runId().toLowerCase();
      String first = registry.address() + "/" + repo + ":1";
      String second = registry.address() + "/" + repo + ":latest";
      Files.writeString(dir.resolve("Dockerfile"), "FROM berth/static:busybox\nCOPY page.html /www/\n");
      Files.writeString(dir.resolve("page.html"), "pushed " + System.nanoTime());
      RenderedDockerfile rendered =
          new RenderedDockerfile(dir, "static", "static", "static", "berth/static:busybox", null, false, null);
      try {
        BuildResult result = new EngineBackend(null, Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))
            .build(new BuildPlan.DockerfileBuild(rendered, List.of(first, second), new BuildTarget.Registry()),
                BuildListener.none());

        assertThat(result.pushed()).isTrue();
        assertThat(result.digest()).startsWith("sha256:");
        assertThat(registry.manifestDigest(repo, "1")).isEqualTo(result.digest());
        assertThat(registry.manifestDigest(repo, "latest")).isEqualTo(result.digest());
      } finally {
        ImageLayers.remove(first);
        ImageLayers.remove(second);
      }
    }
  }
}
