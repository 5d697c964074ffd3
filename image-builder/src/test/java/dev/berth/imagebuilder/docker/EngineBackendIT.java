package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.testing.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The engine backend on a hand-made context: progress, tags, labels, tar target, and a failing build's message. */
@ExtendWith(DockerEngine.class)
class EngineBackendIT {

  static final String BASE = "berth/static:busybox";
  static final String IMAGE = "berth-test/engine-backend:" + DockerEngine.runId();
  static final String SECOND_TAG = "berth-test/engine-backend:second-" + DockerEngine.runId();

  static DockerClient docker;

  @TempDir Path dir;

  @BeforeAll
  static void base() throws Exception {
    BaseImages.shared().ensure("static");
    docker = DockerClients.local();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    ImageLayers.remove(IMAGE);
    ImageLayers.remove(SECOND_TAG);
    docker.close();
  }

  EngineBackend backend() {
    return new EngineBackend(null, Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()));
  }

  Path context(String dockerfile) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    Files.writeString(dir.resolve(".dockerignore"), "*\n!context\n");
    Files.createDirectories(dir.resolve("context/site"));
    Files.writeString(dir.resolve("context/site/index.html"), "hello " + System.nanoTime());
    return dir;
  }

  BuildPlan plan(Path context, BuildTarget target, String... tags) {
    RenderedDockerfile rendered =
        new RenderedDockerfile(context, "static", "static", "static", BASE, null, false, null);
    return new BuildPlan.DockerfileBuild(rendered, List.of(tags), target);
  }

  @Test
  void buildsTagsAndLabelsWithTheBaseIdAndStreamsProgress() throws Exception {
    List<BuildEvent> events = new ArrayList<>();
    BuildResult result = backend().build(
        plan(context("FROM " + BASE + "\nCOPY context/site/ /www/\n"), new BuildTarget.Engine(), IMAGE, SECOND_TAG),
        events::add);

    InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();
    InspectImageResponse base = docker.inspectImageCmd(BASE).exec();
    assertThat(result.imageId()).isEqualTo(image.getId());
    assertThat(image.getRepoTags()).contains(IMAGE, SECOND_TAG);
    assertThat(image.getConfig().getLabels())
        .containsEntry(EngineBackend.BASE_ID_LABEL, base.getId())
        .containsEntry(DockerEngine.RUN_LABEL, DockerEngine.runId());
    assertThat(events).extracting(BuildEvent::message).anyMatch(m -> m.startsWith("Step 2/"));
    assertThat(result.offlineBase()).isTrue();
    assertThat(result.pushed()).isFalse();
  }

  @Test
  void writesADockerLoadableTar() throws Exception {
    Path tar = dir.resolve("out/image.tar");
    backend().build(plan(context("FROM " + BASE + "\nCOPY context/site/ /www/\n"), new BuildTarget.Tar(tar), IMAGE),
        BuildListener.none());
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("manifest.json");
  }

  @Test
  void aFailingStepNamesTheImageAndTheFix() throws Exception {
    Path context = context("FROM " + BASE + "\nCOPY context/missing/ /www/\n");
    assertThatThrownBy(() -> backend().build(plan(context, new BuildTarget.Engine(), IMAGE), BuildListener.none()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("building " + IMAGE)
        .hasMessageContaining("fix the Dockerfile");
  }

  @Test
  void aBaseThatCannotBePulledIsReportedUnavailable() throws Exception {
    List<BuildEvent> events = new ArrayList<>();
    long start = System.nanoTime();
    boolean available = backend().baseAvailable("berth-test/no-such-base:" + DockerEngine.runId(), events::add);
    assertThat(available).isFalse();
    assertThat(backend().baseAvailable(BASE, BuildListener.none())).isTrue();
    // Air-gapped machines must not wait for a pull that cannot succeed.
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
  }
}
