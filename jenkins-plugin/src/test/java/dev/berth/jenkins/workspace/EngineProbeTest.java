package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineProbeTest {

  @TempDir Path dir;

  @Test
  void address_isDockerHost_orTheDefaultSocket() {
    assertThat(EngineProbe.address(Map.of())).isEqualTo("unix:///var/run/docker.sock");
    assertThat(EngineProbe.address(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"))).isEqualTo("tcp://10.0.0.5:2375");
  }

  @Test
  void problem_missingSocket_namesIt() {
    String socket = dir.resolve("docker.sock").toString();
    assertThat(EngineProbe.problem(Map.of("DOCKER_HOST", "unix://" + socket)))
        .isEqualTo("no Docker engine answers at unix://" + socket + " (no socket " + socket + ")");
  }

  @Test
  void problem_socketThatNeverAnswers_isNamedWithinTheTimeout() throws Exception {
    Path socket = dir.resolve("hung.sock");
    try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.bind(UnixDomainSocketAddress.of(socket));
      // Connections wait in the backlog, unanswered, as with an engine that hangs.
      String problem = assertTimeoutPreemptively(Duration.ofSeconds(15),
          () -> EngineProbe.problem(Map.of("DOCKER_HOST", "unix://" + socket)));
      assertThat(problem).isEqualTo("no Docker engine answers at unix://" + socket + " (no answer within 3 s)");
    }
  }

  @Test
  void problem_closedTcpPort_namesTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(EngineProbe.problem(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port)))
        .startsWith("no Docker engine answers at tcp://127.0.0.1:" + port);
  }

  @Test
  void problem_otherScheme_isNamed() {
    assertThat(EngineProbe.problem(Map.of("DOCKER_HOST", "ssh://build@host")))
        .isEqualTo("DOCKER_HOST 'ssh://build@host' is neither unix:// nor tcp://");
  }
}
