package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.master.ApiToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every cluster command shares: which master, which token, which namespace. */
final class ClusterOptions {

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "The master's API (default: $BERTH_MASTER, else http://127.0.0.1:7070)")
  String master;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "The API token (default: $BERTH_TOKEN, else the api-token file in the local master's state folder)")
  String token;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default",
      description = "The apps' namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  /** The local master's default state folder: {@code $BERTH_STATE/cluster}. */
  static Path defaultStateDir() {
    String state = System.getenv("BERTH_STATE");
    return Path.of(state == null || state.isBlank() ? "/var/tmp/berth" : state, "cluster");
  }

  BerthClient client() {
    String url = master != null ? master : System.getenv().getOrDefault("BERTH_MASTER", "http://127.0.0.1:7070");
    return new BerthClient(URI.create(url), token());
  }

  private String token() {
    if (token != null) {
      return token;
    }
    String env = System.getenv("BERTH_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = defaultStateDir().resolve(ApiToken.FILE_NAME);
    try {
      return Files.exists(file) ? Files.readString(file).trim() : "";
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the API token file " + file + ": " + e.getMessage()
          + "; pass --token or set BERTH_TOKEN");
    }
  }
}
