package dev.berth.imagebuilder.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Docker registry on 127.0.0.1 for engine tests: the one {@code scripts/test.sh} started ({@code BERTH_REGISTRY},
 * e.g. {@code 127.0.0.1:5000}), or Debian's {@code docker-registry serve} started here on a free port with storage
 * in a temporary folder and stopped by {@link #close()}.
 */
public final class LocalRegistry implements AutoCloseable {

  private final String address;
  private final Process process;
  private final Path storage;

  private LocalRegistry(String address, Process process, Path storage) {
    this.address = address;
    this.process = process;
    this.storage = storage;
  }

  /** The shared registry or a new one; skips (fails under CI) when neither can be had. */
  public static LocalRegistry start() throws IOException, InterruptedException {
    String shared = System.getenv("BERTH_REGISTRY");
    if (shared != null && !shared.isBlank() && answers(shared)) {
      return new LocalRegistry(shared, null, null);
    }
    Path binary = Path.of("/usr/bin/docker-registry");
    if (!Files.isExecutable(binary)) {
      String problem = "no registry: BERTH_REGISTRY unset and " + binary + " missing (apt-get install docker-registry)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(problem);
      }
      assumeTrue(false, problem);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("berth-registry");
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "version: 0.1\nstorage: {filesystem: {rootdirectory: " + dir.resolve("data")
        + "}, delete: {enabled: true}}\nhttp: {addr: 127.0.0.1:" + port + "}\n");
    Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile())
        .start();
    String address = "127.0.0.1:" + port;
    LocalRegistry registry = new LocalRegistry(address, process, dir);
    for (int i = 0; i < 100; i++) {
      if (answers(address)) {
        return registry;
      }
      Thread.sleep(100);
    }
    registry.close();
    throw new IllegalStateException("docker-registry did not answer on " + address + "; see " + dir);
  }

  /** {@code host:port}. */
  public String address() {
    return address;
  }

  /** The HTTP status of {@code GET /v2/<repository>/manifests/<tag>}, and its content digest. */
  public String manifestDigest(String repository, String tag) throws IOException {
    HttpURLConnection c = (HttpURLConnection)
        URI.create("http://" + address + "/v2/" + repository + "/manifests/" + tag).toURL().openConnection();
    c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json,"
        + "application/vnd.oci.image.manifest.v1+json");
    try {
      return c.getResponseCode() == 200 ? c.getHeaderField("Docker-Content-Digest") : null;
    } finally {
      c.disconnect();
    }
  }

  private static boolean answers(String address) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (process == null) {
      return;
    }
    process.destroy();
    try (var walk = Files.walk(storage)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
