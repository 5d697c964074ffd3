package dev.berth.runtime.embedded;

import dev.berth.imagebuilder.base.BaseImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth up}'s composition on the real engine: apply, health, config files, crash loop, delete. */
@ExtendWith(DockerEngine.class)
class EmbeddedNodeIT {

  private static final String IMAGE = "berth/static:busybox";

  @TempDir Path state;
  private DockerClient docker;
  private MasterMain master;
  private BerthClient client;

  @BeforeEach
  void start() throws Exception {
    BaseImages.shared().ensure("static");
    docker = DockerClients.local();
    master =
        MasterMain.start(
            new MasterConfig(state, "127.0.0.1", 0, 0, "t"),
            EmbeddedNode.factory(docker, "it-" + DockerEngine.runId(), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())),
            new PrintStream(new ByteArrayOutputStream()));
    client = new BerthClient(URI.create("http://127.0.0.1:" + master.apiPort()), "t");
  }


  @AfterEach
  void stop() throws Exception {
    if (master != null) {
      for (AppStatus a : client.apps()) {
        client.delete(a.spec().namespace(), a.spec().name());
      }
      awaitNoContainers();
      master.close();
    }
    if (docker != null) {
      docker.close();
    }
  }

  private void awaitNoContainers() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId())).exec().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    // Leave nothing behind even if the node did not converge.
    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))
        .exec().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
  }

  private AppStatus await(String app, Predicate<AppStatus> condition, Duration within) throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (true) {
      AppStatus s = client.app("default", app);
      if (condition.test(s)) {
        return s;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("condition not met within " + within + ": " + s);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void apply_servesConfigFileOnPublishedPort_andGetsHealthy() throws Exception {
    client.apply(
        "name: web\nimage: " + IMAGE + "\nreplicas: 2\ncommand: [httpd, -f, -p, '8080', -h, /www]\n"
            + "ports: [{name: http, port: 8080}]\nconfigFiles: [{path: /www/index.html, content: \"hi from berth\"}]\n"
            + "resources: {memory: 32Mi, cpu: 100m}\nhealth: {http: {path: /index.html}, period: 1s}\n");

    AppStatus s = await("web", a -> a.ready() == 2, Duration.ofSeconds(30));

    ReplicaStatus r = s.replicas().get(0);
    assertThat(r.health()).isEqualTo("healthy");
    String body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.hostPorts().get(8080) + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(body).isEqualTo("hi from berth");
  }

  @Test
  void crashingApp_restartsWithBackoff_andShowsExitCodeAndLastLines() throws Exception {
    client.apply(
        "name: crash\nimage: " + IMAGE + "\ncommand: [sh, -c, 'echo about to fail; exit 3']\n"
            + "resources: {memory: 16Mi, cpu: 50m}\n");

    AppStatus s = await("crash", a -> a.replicas().get(0).restarts() >= 2, Duration.ofSeconds(20));

    ReplicaStatus r = s.replicas().get(0);
    assertThat(r.lastExitCode()).isEqualTo(3);
    assertThat(r.lastLogLines()).contains("about to fail");
    assertThat(s.events()).anySatisfy(e -> assertThat(e.message()).contains("exited with code 3"));
  }

  @Test
  void memoryHog_isReportedOomKilled() throws Exception {
    client.apply(
        "name: hog\nimage: " + IMAGE + "\ncommand: [sh, -c, 'x=a; while true; do x=$x$x; done']\n"
            + "resources: {memory: 8Mi, cpu: 200m}\n");

    AppStatus s = await("hog", a -> a.replicas().get(0).lastExitCode() != null, Duration.ofSeconds(30));

    assertThat(s.replicas().get(0).oomKilled()).isTrue();
    assertThat(s.replicas().get(0).lastExitCode()).isEqualTo(137);
  }
}
