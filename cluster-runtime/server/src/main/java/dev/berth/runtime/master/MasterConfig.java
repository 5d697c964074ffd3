package dev.berth.runtime.master;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a master runs.
 *
 * @param stateDir folder of the durable store and the API token file
 * @param apiHost address the HTTP API binds to, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param apiPort HTTP API port (0 picks a free one)
 * @param nodePort port node agents join on (0 picks a free one)
 * @param apiToken the API's bearer token, or {@code null} to read (or create) {@code api-token} in the state folder
 */
public record MasterConfig(Path stateDir, String apiHost, int apiPort, int nodePort, String apiToken) {

  public static final int DEFAULT_API_PORT = 7070;
  public static final int DEFAULT_NODE_PORT = 7071;

  public MasterConfig {
    Objects.requireNonNull(stateDir, "stateDir");
    apiHost = apiHost == null ? "0.0.0.0" : apiHost;
  }
}
