package dev.berth.runtime.master.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.controller.AppWriter;
import dev.berth.runtime.controller.BuildJobController;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.store.InMemoryStateStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/builds} over HTTP through the real client, on a master with no nodes. */
class BuildRoutesTest {

  @TempDir Path dir;
  private Path anyFile;
  private final InMemoryStateStore store = new InMemoryStateStore();
  private ApiServer server;
  private BerthClient client;

  @BeforeEach
  void start() throws Exception {
    anyFile = Files.write(dir.resolve("any.tar.gz"), new byte[] {0});
    NodeGateway gateway = new NodeGateway() {
      @Override
      public void assign(String nodeId, NodeAssignment assignment) {}

      @Override
      public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
        return CompletableFuture.completedFuture("");
      }
    };
    BuildJobController jobs =
        new BuildJobController(store::snapshot, () -> gateway, dir.resolve("contexts"), Clock.systemUTC());
    server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), store,
        new AppWriter(store, Clock.systemUTC(), k -> {}), gateway, id -> null, "secret", jobs, 100);
    client = new BerthClient(URI.create("http://127.0.0.1:" + server.port()), "secret");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void submittedJobWaitsPendingWithTheNoNodesReason_andIsListed() throws Exception {
    Path context = Files.write(dir.resolve("c.tar.gz"), new byte[] {1, 2, 3});

    BuildJobStatus status = client.submitBuild(
        new BuildJobRequest(List.of("127.0.0.1:5000/shop:1", "127.0.0.1:5000/shop:latest"), true, null, true, "shop"),
        context);

    assertThat(status.phase()).isEqualTo(BuildJobPhase.PENDING);
    assertThat(status.message()).contains("no nodes have joined");
    assertThat(status.image()).isEqualTo("127.0.0.1:5000/shop:1");
    assertThat(status.push()).isTrue();
    assertThat(status.contextBytes()).isEqualTo(3);
    assertThat(client.builds()).extracting(BuildJobStatus::id).containsExactly(status.id());
    assertThat(client.buildLogs(status.id(), 0).lines()).isEmpty();

    BuildJobStatus cancelled = client.cancelBuild(status.id());
    assertThat(cancelled.phase()).isEqualTo(BuildJobPhase.FAILED);
    assertThat(client.build(status.id()).message()).isEqualTo("cancelled by a client");
  }

  @Test
  void badTagsAndBaseImagesAre400NamingTheField() {
    assertThatThrownBy(() -> client.submitBuild(new BuildJobRequest(List.of(), false, null, true, null), anyFile))
        .isInstanceOfSatisfying(BerthApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error().field()).isEqualTo("tags");
        });
    assertThatThrownBy(() -> client.submitBuild(new BuildJobRequest(List.of("ok:1", "UPPER/case"), false, null,
        true, null), anyFile))
        .isInstanceOfSatisfying(BerthApiException.class, e -> {
          assertThat(e.error().field()).isEqualTo("tags[1]");
          assertThat(e.error().value()).isEqualTo("UPPER/case");
        });
    assertThatThrownBy(() -> client.submitBuild(new BuildJobRequest(List.of("ok:1"), false, "a b", true, null), anyFile))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.error().field()).isEqualTo("baseImage"));
  }

  @Test
  void imageReferencesAsDockerWritesThem_areAccepted() {
    for (String ok : List.of("shop", "shop:1.4", "127.0.0.1:5000/team/shop:1", "registry.example.com/a/b_c-d:v1.0",
        "localhost/x@sha256:" + "a".repeat(64))) {
      assertThat(BuildRoutes.IMAGE_REFERENCE.matcher(ok).matches()).as(ok).isTrue();
    }
    for (String bad : List.of("Shop", "shop:", ":1", "a//b", "shop:-x", "")) {
      assertThat(BuildRoutes.IMAGE_REFERENCE.matcher(bad).matches()).as(bad).isFalse();
    }
  }

  @Test
  void contextAboveTheLimitIs413_aSecondUploadIs409_unknownJobIs404_wrongTokenIs401() throws Exception {
    Path big = Files.write(dir.resolve("big.tar.gz"), new byte[101]);
    assertThatThrownBy(() -> client.submitBuild(BuildJobRequest.of("shop:1"), big))
        .isInstanceOfSatisfying(BerthApiException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.getMessage()).contains("100 bytes").contains(".dockerignore");
        });

    BuildJobStatus job = client.submitBuild(BuildJobRequest.of("shop:1"), Files.write(dir.resolve("s"), new byte[5]));
    HttpResponse<String> again = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/builds/" + job.id() + "/context"))
            .header("Authorization", "Bearer secret").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(409);

    assertThatThrownBy(() -> client.buildLogs("b-unknown", 0))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> new BerthClient(URI.create("http://127.0.0.1:" + server.port()), "nope").builds())
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void emptyOrNullBodyIs400NamingTheTags() throws Exception {
    for (String body : List.of("", "null", " null ")) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/builds"))
              .header("Authorization", "Bearer secret").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("body '%s'", body).isEqualTo(400);
      assertThat(response.body()).as("body '%s'", body).contains("\"tags\"").contains("at least one image tag");
    }
  }
}
