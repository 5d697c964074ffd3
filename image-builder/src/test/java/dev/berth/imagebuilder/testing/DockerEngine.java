package dev.berth.imagebuilder.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.imagebuilder.docker.DockerClients;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension for engine tests ({@code *IT}): outside CI a test skips when no Docker engine answers; under
 * {@code CI=true} it fails instead, so a CI run without an engine is red, never silently green.
 *
 * <p>Use with {@code @ExtendWith(DockerEngine.class)}; {@link #socket()} names the engine's socket.
 */
public final class DockerEngine implements BeforeAllCallback {

  /** The label every object a test creates carries, so a run's leftovers can be removed by label. */
  public static final String RUN_LABEL = "berth.test.run";

  @Override
  public void beforeAll(ExtensionContext context) {
    String problem = problem();
    if (problem == null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + problem + ": engine tests must run in CI; start one with scripts/test.sh");
    }
    assumeTrue(false, problem + "; skipping engine test outside CI");
  }

  /** The engine's Unix socket: {@code DOCKER_HOST=unix://…} or the default {@code /var/run/docker.sock}. */
  public static Path socket() {
    String host = System.getenv("DOCKER_HOST");
    if (host != null && host.startsWith("unix://")) {
      return Path.of(host.substring("unix://".length()));
    }
    return Path.of("/var/run/docker.sock");
  }

  /** The value tests put under {@link #RUN_LABEL}: the script's run id, or one per JVM. */
  public static String runId() {
    String id = System.getenv("BERTH_RUN_ID");
    return id != null ? id : RUN_ID;
  }

  private static final String RUN_ID = "jvm-" + ProcessHandle.current().pid();

  /** Removes every container this run labelled (running or not), then {@code images}; missing ones are no error. */
  public static void removeRunLeftovers(Collection<String> images) throws IOException {
    try (DockerClient d = DockerClients.local()) {
      for (var c : d.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RUN_LABEL, runId())).exec()) {
        d.removeContainerCmd(c.getId()).withForce(true).exec();
      }
      for (String image : images) {
        try {
          d.removeImageCmd(image).withForce(true).exec();
        } catch (NotFoundException e) {
          // Never built.
        }
      }
    }
  }

  /** Why no engine can be used, or {@code null} when {@code GET /_ping} answers OK. */
  static String problem() {
    Path socket = socket();
    if (!Files.exists(socket)) {
      return "no Docker engine socket at " + socket;
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(
          ByteBuffer.wrap(
              "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      StringBuilder response = new StringBuilder();
      while (channel.read(buffer) > 0) {
        buffer.flip();
        response.append(StandardCharsets.US_ASCII.decode(buffer));
        buffer.clear();
      }
      return response.toString().endsWith("OK")
          ? null
          : "the Docker engine at " + socket + " did not answer /_ping with OK";
    } catch (IOException e) {
      return "no Docker engine answers at " + socket + " (" + e.getMessage() + ")";
    }
  }
}
