package dev.berth.runtime.agent.docker;

import com.github.dockerjava.api.DockerClient;
import dev.berth.imagebuilder.docker.DockerClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.berth.imagebuilder.base.BaseImages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ContainerRuntimeContract;
import dev.berth.runtime.agent.container.ContainerStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Docker runtime passes the contract on the real engine, and reports an OOM kill as the kernel's. */
@ExtendWith(DockerEngine.class)
class DockerContainerRuntimeIT extends ContainerRuntimeContract {

  static final String IMAGE = "berth/static:busybox";

  private static String labelled;

  @BeforeAll
  static void baseImage() throws Exception {
    BaseImages.shared().ensure("static");
  }

  @AfterAll
  static void removeLabelledImage() throws Exception {
    if (labelled != null) {
      try (DockerClient d = DockerClients.local()) {
        d.removeImageCmd(labelled).withForce(true).exec();
      }
    }
  }

  @Override
  protected String labelledImage() throws Exception {
    if (labelled == null) {
      Path dir = Files.createTempDirectory("berth-labelled");
      StringBuilder dockerfile = new StringBuilder("FROM " + IMAGE + "\n");
      IMAGE_LABELS.forEach((k, v) -> dockerfile.append("LABEL ").append(k).append("=\"").append(v).append("\"\n"));
      Files.writeString(dir.resolve("Dockerfile"), dockerfile);
      String tag = "berth-contract/labelled:" + DockerEngine.runId().toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
      try (DockerClient d = DockerClients.local()) {
        d.buildImageCmd(dir.toFile()).withTags(Set.of(tag)).start().awaitImageId();
      } finally {
        Files.deleteIfExists(dir.resolve("Dockerfile"));
        Files.deleteIfExists(dir);
      }
      labelled = tag;
    }
    return labelled;
  }

  @Override
  protected ContainerRuntime create() {
    return DockerContainerRuntime.connect(null);
  }

  @Override
  protected String image() {
    return IMAGE;
  }

  @Override
  protected Map<String, String> baseLabels() {
    return Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId());
  }

  @Override
  protected void end(String id, int code) throws Exception {
    assertThat(runtime.exec(id, List.of("sh", "-c", "echo " + code + " > /tmp/exit"), 5000)).isZero();
  }

  @Test
  void memoryHog_isReportedOomKilled_withExit137_andSwapEqualToMemory() throws Exception {
    String id = runtime.start(new ContainerRequest("oom-" + DockerEngine.runId() + System.nanoTime(), IMAGE,
        List.of("sh", "-c"), List.of("x=a; while true; do x=$x$x; done"), List.of(),
        Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId(), ContainerLabels.REPLICA, "oom", "contract.run", "oom"),
        16L << 20, 0, List.of(), Map.of()));
    try {
      ContainerStatus s = null;
      for (int i = 0; i < 300; i++) {
        s = runtime.inspect(id).orElseThrow();
        if (!s.running()) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(s.running()).isFalse();
      assertThat(s.exitCode()).isEqualTo(137);
      assertThat(s.oomKilled()).isTrue();
      assertThat(s.killedForMemory()).isTrue();
    } finally {
      runtime.remove(id);
    }
  }
}
