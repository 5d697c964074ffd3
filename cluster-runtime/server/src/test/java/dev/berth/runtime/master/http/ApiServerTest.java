package dev.berth.runtime.master.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.controller.AppWriter;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.NodeState;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.store.InMemoryStateStore;
import dev.berth.runtime.store.StoreWrite;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API on an ephemeral port, called through the real client. */
class ApiServerTest {

  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<String> queued = new ArrayList<>();
  private ApiServer server;
  private BerthClient client;

  private final NodeGateway gateway =
      new NodeGateway() {
        @Override
        public void assign(String nodeId, NodeAssignment assignment) {}

        @Override
        public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
          return CompletableFuture.completedFuture("hello from " + replicaId + " on " + nodeId + ", tail " + tailLines);
        }
      };

  @BeforeEach
  void start() throws Exception {
    AppWriter writer = new AppWriter(store, Clock.systemUTC(), queued::add);
    server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), store, writer, gateway, id -> null, "secret");
    client = new BerthClient(URI.create("http://127.0.0.1:" + server.port()), "secret");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void apply_createsThenUnchangedThenConfigured_andQueuesTheApp() throws Exception {
    assertThat(client.apply("name: web\nimage: web:1\n").outcome()).isEqualTo("created");
    assertThat(client.apply("name: web\nimage: web:1\n").outcome()).isEqualTo("unchanged");
    assertThat(client.apply("{\"name\": \"web\", \"image\": \"web:2\"}").revision()).isEqualTo(2);
    assertThat(client.apply("name: web\nimage: web:2\nreplicas: 4\n").outcome()).isEqualTo("scaled");

    assertThat(queued).contains("default/web");
    AppStatus status = client.app("default", "web");
    assertThat(status.revision()).isEqualTo(2);
    assertThat(status.desired()).isEqualTo(4);
  }

  @Test
  void apply_invalidSpec_422WithFieldAndChangesNothing() {
    assertThatThrownBy(() -> client.apply("name: web\nimage: web:1\nreplicas: -1\n"))
        .isInstanceOfSatisfying(
            BerthApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.error().field()).isEqualTo("replicas");
              assertThat(e.error().value()).isEqualTo("-1");
            });
    assertThat(store.snapshot().apps()).isEmpty();
  }

  @Test
  void wrongToken_401() {
    BerthClient stranger = new BerthClient(URI.create("http://127.0.0.1:" + server.port()), "guess");
    assertThatThrownBy(stranger::apps)
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void unknownApp_404() {
    assertThatThrownBy(() -> client.app("default", "nope"))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> client.delete("default", "nope"))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void scaleAndDelete() throws Exception {
    client.apply("name: web\nimage: web:1\n");

    assertThat(client.scale("default", "web", 3).outcome()).isEqualTo("scaled");
    assertThat(client.app("default", "web").spec().replicas()).isEqualTo(3);
    assertThatThrownBy(() -> client.scale("default", "web", -2))
        .isInstanceOfSatisfying(BerthApiException.class, e -> assertThat(e.error().field()).isEqualTo("replicas"));

    client.delete("default", "web");
    assertThat(client.apps()).isEmpty();
  }

  @Test
  void logs_askTheReplicasNode() throws Exception {
    client.apply("name: web\nimage: web:1\n");
    Instant now = Instant.now();
    store.putNode(new Node(new NodeInfo("n1", "10.0.0.1", 1000, 1L << 30, Map.of(), ""), NodeState.READY, now, now, ""));
    store.write(new StoreWrite(null, null, List.of(Replica.create("default.web-1-a", "default/web", 1, now).placedOn("n1", now)), null));

    assertThat(client.logs("default", "web", null, 5)).isEqualTo("hello from default.web-1-a on n1, tail 5\n");
    assertThat(client.nodes()).extracting(n -> n.id()).containsExactly("n1");
  }
}
