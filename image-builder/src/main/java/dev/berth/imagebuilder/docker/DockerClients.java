package dev.berth.imagebuilder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.imagebuilder.api.RegistryLogin;
import java.time.Duration;

/**
 * Makes docker-java clients for the local engine: {@code DOCKER_HOST} when set, else the default socket, over the
 * httpclient5 transport and API 1.41 (Debian's engine 20.10; never pin newer, RUNTIME.md §3).
 *
 * <p>Each call makes a new client with its own connection pool; close it when done.
 */
public final class DockerClients {

  /** The API version every Berth client speaks; newer engines still accept it. */
  public static final String API_VERSION = "1.41";

  private DockerClients() {}

  /** A client for the engine named by {@code DOCKER_HOST}, or {@code unix:///var/run/docker.sock}. */
  public static DockerClient local() {
    return forHost(null);
  }

  /**
   * A client for one engine, e.g. {@code unix:///run/berth/node2/docker.sock} for an extra node.
   *
   * @param dockerHost the engine's address, or {@code null} for {@code DOCKER_HOST} / the default socket
   */
  public static DockerClient forHost(String dockerHost) {
    DefaultDockerClientConfig.Builder builder =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withApiVersion(API_VERSION);
    if (dockerHost != null) {
      builder.withDockerHost(dockerHost);
    }
    DockerClientConfig config = builder.build();
    // No response timeout: events, logs and waits are streams that may stay silent for as long as a container runs.
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(50)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** A registry login as the engine's pull and push take it (the {@code X-Registry-Auth} header). */
  public static AuthConfig authConfig(RegistryLogin login) {
    return new AuthConfig()
        .withRegistryAddress(login.registry())
        .withUsername(login.username())
        .withPassword(login.password());
  }
}
