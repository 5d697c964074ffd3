package dev.berth.runtime.agent.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.testing.LocalRegistry;
import dev.berth.runtime.agent.container.ContainerStartException;
import dev.berth.runtime.agent.container.PullReference;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
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

  private static LocalRegistry registry;
  private static final List<String> PUSHED = new ArrayList<>();

  @AfterAll
  static void removeLabelledImage() throws Exception {
    try (DockerClient d = DockerClients.local()) {
      for (String image : PUSHED) {
        try {
          d.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
          // A pull that failed left nothing.
        }
      }
      if (labelled != null) {
        d.removeImageCmd(labelled).withForce(true).exec();
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Override
  protected String imageOnlyInRegistry() throws Exception {
    if (registry == null) {
      registry = LocalRegistry.start();
    }
    return pushedThenRemoved(registry, null);
  }

  /** Tags the labelled image into {@code into}, pushes it (with {@code login} when given) and drops the local tag. */
  private String pushedThenRemoved(LocalRegistry into, AuthConfig login) throws Exception {
    String reference = into.address() + "/berth-contract/pulled:" + System.nanoTime();
    PUSHED.add(reference);
    PullReference ref = PullReference.parse(reference);
    try (DockerClient d = DockerClients.local()) {
      d.tagImageCmd(labelledImage(), ref.repository(), ref.tagOrDigest()).exec();
      var push = d.pushImageCmd(ref.repository()).withTag(ref.tagOrDigest());
      if (login != null) {
        push.withAuthConfig(login);
      }
      push.start().awaitCompletion(2, TimeUnit.MINUTES);
      d.removeImageCmd(reference).exec();
    }
    return reference;
  }

  @Test
  void pull_fromARegistryThatAsksForALogin_usesTheNodesLogin_andWithoutOneSaysHowToGiveIt() throws Exception {
    String password = "pw-" + System.nanoTime();
    try (LocalRegistry guarded = LocalRegistry.startWithLogin("node", password)) {
      String image = pushedThenRemoved(guarded, new AuthConfig().withRegistryAddress(guarded.address())
          .withUsername("node").withPassword(password));
      Path noConfig = Files.createTempDirectory("berth-no-docker-config").resolve("config.json");

      try (ContainerRuntime anonymous = DockerContainerRuntime.connect(null, new RegistryAuth(null, null, noConfig))) {
        assertThatThrownBy(() -> anonymous.pull(image))
            .isInstanceOfSatisfying(ContainerStartException.class, e -> assertThat(e.imageMissing()).isTrue())
            .hasMessageContaining("pulling " + image + " failed")
            .hasMessageContaining("BERTH_REGISTRY_USERNAME")
            .hasMessageContaining("docker login " + guarded.address())
            .hasMessageEndingWith("(on this node)");
      }
      try (ContainerRuntime loggedIn = DockerContainerRuntime.connect(null,
          new RegistryAuth("node", password, noConfig))) {
        loggedIn.pull(image);
        assertThat(loggedIn.image(image)).isPresent();
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
