package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.LocalRegistry;
import dev.berth.imagebuilder.testing.Samples;
import dev.berth.jenkins.workspace.EngineProbe;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
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

/**
 * berthBuild's local builders on the real engine and a real registry: Jib to a tar without an engine target,
 * {@code auto} choosing the engine when no master is configured, and both builders pushing with the registry's
 * digest returned.
 */
@ExtendWith(DockerEngine.class)
class BerthBuildIT {

  private static LocalRegistry registry;
  private static final List<String> IMAGES = new ArrayList<>();

  @TempDir Path ws;
  private final RecordingListener listener = new RecordingListener();

  @BeforeAll
  static void start() throws Exception {
    BaseImages.shared().ensure("jre-17");
    BaseImages.shared().ensure("static");
    registry = LocalRegistry.start();
  }

  @AfterAll
  static void stop() throws Exception {
    try (DockerClient d = DockerClients.local()) {
      for (String image : IMAGES) {
        try {
          d.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
          // Jib to a tar or a registry leaves nothing in the engine.
        }
      }
    }
    if (registry != null) {
      registry.close();
    }
  }

  private Map<String, Object> build(String image, String builder, boolean push) throws Exception {
    return build(image, builder, push, new EnvVars());
  }

  private Map<String, Object> build(String image, String builder, boolean push, EnvVars env) throws Exception {
    Path app = Samples.l1DistJdk7(ws);
    BerthBuildStep step = new BerthBuildStep(image);
    step.setDir(ws.relativize(app).toString());
    step.setBuilder(builder);
    step.setTags(DockerEngine.runId());
    step.setPush(push);
    IMAGES.add(image + ":" + DockerEngine.runId());
    // No master in the build's environment: auto must not pick the cluster.
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener)
        .with(EnvVars.class, env).with(FilePath.class, TestStepContext.workspace(ws));
    return new BerthBuildExecution(step, context).run();
  }

  @Test
  void committedDockerfile_isBuiltAsItIs_withItsDockerignore() throws Exception {
    Path app = Files.createDirectories(ws.resolve("app"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/static:busybox\nCOPY . /app/\n");
    Files.writeString(app.resolve(".dockerignore"), "secret.txt\n");
    Files.writeString(app.resolve("hello.txt"), "hello");
    Files.writeString(app.resolve("secret.txt"), "do not ship");
    String image = "berth-test/jenkins-committed";
    IMAGES.add(image + ":" + DockerEngine.runId());
    BerthBuildStep step = new BerthBuildStep(image);
    step.setDir("app");
    step.setBuilder("docker");
    step.setTags(DockerEngine.runId());
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener)
        .with(EnvVars.class, new EnvVars()).with(FilePath.class, TestStepContext.workspace(ws));

    Map<String, Object> built = new BerthBuildExecution(step, context).run();

    assertThat(built).containsEntry("builder", "docker").containsEntry("baseImage", "berth/static:busybox");
    assertThat(listener.text()).contains("[Berth] Building the committed app/Dockerfile as it is");
    Process ls = new ProcessBuilder("docker", "run", "--rm", "--label", DockerEngine.RUN_LABEL + "="
        + DockerEngine.runId(), image + ":" + DockerEngine.runId(), "ls", "-A", "/app").redirectErrorStream(true)
        .start();
    String files = new String(ls.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ls.waitFor()).as(files).isZero();
    assertThat(files.lines()).containsExactlyInAnyOrder(".dockerignore", "Dockerfile", "hello.txt");
  }

  @Test
  void jibWithoutPush_writesALoadableTar() throws Exception {
    Map<String, Object> built = build("berth-test/jenkins-jib", "jib", false);

    String tar = "l1-dist-jdk7/.berth/image.tar";
    assertThat(built).containsEntry("builder", "jib").containsEntry("pushed", false).containsEntry("tarFile", tar);
    assertThat((String) built.get("imageId")).matches("sha256:[0-9a-f]{64}");
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(ws.resolve(tar)))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("manifest.json", "config.json");
    assertThat(listener.text()).contains("[Berth] Building berth-test/jenkins-jib:" + DockerEngine.runId()
        + " daemonless (Jib)");
  }

  @Test
  void autoAndJib_push_returnTheRegistrysDigest() throws Exception {
    String repository = registry.address() + "/berth-test/jenkins-push";

    Map<String, Object> docker = build(repository, "auto", true);
    String dockerDigest = registry.manifestDigest("berth-test/jenkins-push", DockerEngine.runId());
    Map<String, Object> jib = build(repository, "jib", true);
    String jibDigest = registry.manifestDigest("berth-test/jenkins-push", DockerEngine.runId());

    assertThat(listener.text()).contains("[Berth] builder auto: docker, because no Berth master is configured and"
        + " the Docker engine at " + EngineProbe.address(System.getenv()) + " answers.");
    assertThat(docker).containsEntry("builder", "docker").containsEntry("pushed", true)
        .containsEntry("digest", dockerDigest)
        .containsEntry("reference", repository + "@" + dockerDigest);
    assertThat(dockerDigest).startsWith("sha256:");
    assertThat(jib).containsEntry("builder", "jib").containsEntry("pushed", true).containsEntry("digest", jibDigest)
        .containsEntry("tarFile", "").containsEntry("sizeBytes", -1L);
    try (DockerClient engine = DockerClients.local()) {
      assertThat(docker).containsEntry("sizeBytes",
          engine.inspectImageCmd(repository + ":" + DockerEngine.runId()).exec().getSize());
    }
  }
  @Test
  void push_toARegistryThatAsksForALogin_usesTheLoginWithCredentialsBinds() throws Exception {
    String password = "pw-" + System.nanoTime();
    try (LocalRegistry guarded = LocalRegistry.startWithLogin("jenkins", password)) {
      String repository = guarded.address() + "/berth-test/jenkins-login";
      EnvVars bound = new EnvVars();
      bound.put("BERTH_REGISTRY_USERNAME", "jenkins");
      bound.put("BERTH_REGISTRY_PASSWORD", password);

      Map<String, Object> built = build(repository, "docker", true, bound);

      String digest = guarded.manifestDigest("berth-test/jenkins-login", DockerEngine.runId());
      assertThat(digest).startsWith("sha256:");
      assertThat(built).containsEntry("pushed", true).containsEntry("digest", digest);
      assertThat(listener.text()).contains("[Berth] Pushing " + repository + ":" + DockerEngine.runId()
          + " (login from BERTH_REGISTRY_USERNAME/BERTH_REGISTRY_PASSWORD)").doesNotContain(password);
    }
  }
}
