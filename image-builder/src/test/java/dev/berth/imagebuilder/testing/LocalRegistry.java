package dev.berth.imagebuilder.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A Docker registry on 127.0.0.1 for engine tests: the one {@code scripts/test.sh} started ({@code BERTH_REGISTRY},
 * e.g. {@code 127.0.0.1:5000}), or Debian's {@code docker-registry serve} started here on a free port with storage
 * in a temporary folder and stopped by {@link #close()}. {@link #startWithLogin} starts one that asks for a login,
 * as real registries do: htpasswd over TLS with a self-signed certificate (clients allow that on loopback only).
 */
public final class LocalRegistry implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final String address;
  private final Process process;
  private final Path storage;
  private final String basicAuth;

  private LocalRegistry(String address, Process process, Path storage, String basicAuth) {
    this.address = address;
    this.process = process;
    this.storage = storage;
    this.basicAuth = basicAuth;
  }

  /** The shared registry or a new one; skips (fails under CI) when neither can be had. */
  public static LocalRegistry start() throws IOException, InterruptedException {
    String shared = System.getenv("BERTH_REGISTRY");
    if (shared != null && !shared.isBlank()) {
      LocalRegistry registry = new LocalRegistry(shared, null, null, null);
      if (registry.answers()) {
        return registry;
      }
    }
    Path dir = newFolder();
    int port = freePort();
    return started(dir, "http: {addr: 127.0.0.1:" + port + "}\n", port, null);
  }

  /**
   * A new registry that lets only {@code username}/{@code password} in (HTTP Basic over TLS); skips (fails under
   * CI) when Debian's docker-registry is missing.
   */
  public static LocalRegistry startWithLogin(String username, String password)
      throws IOException, InterruptedException {
    Path dir = newFolder();
    int port = freePort();
    Path keyStore = dir.resolve("tls.p12");
    run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "tls",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "berth-test"), dir);
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, "berth-test".toCharArray());
      Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", store.getCertificate("tls").getEncoded()));
      Files.writeString(dir.resolve("key.pem"),
          pem("PRIVATE KEY", store.getKey("tls", "berth-test".toCharArray()).getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot write the test registry's certificate", e);
    }
    Files.writeString(dir.resolve("htpasswd"), username + ":" + BCrypt.hashpw(password, BCrypt.gensalt(4)) + "\n");
    String basic = "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return started(dir,
        "http: {addr: 127.0.0.1:" + port + ", tls: {certificate: " + dir.resolve("cert.pem") + ", key: "
            + dir.resolve("key.pem") + "}}\nauth: {htpasswd: {realm: berth-test, path: " + dir.resolve("htpasswd")
            + "}}\n",
        port, basic);
  }

  private static LocalRegistry started(Path dir, String http, int port, String basicAuth)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      String problem = "no registry: BERTH_REGISTRY unset and " + BINARY + " missing (apt-get install docker-registry)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(problem);
      }
      assumeTrue(false, problem);
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(config, "version: 0.1\nstorage: {filesystem: {rootdirectory: " + dir.resolve("data")
        + "}, delete: {enabled: true}}\n" + http);
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile())
        .start();
    LocalRegistry registry = new LocalRegistry("127.0.0.1:" + port, process, dir, basicAuth);
    for (int i = 0; i < 100; i++) {
      if (registry.answers()) {
        return registry;
      }
      Thread.sleep(100);
    }
    registry.close();
    throw new IllegalStateException("docker-registry did not answer on 127.0.0.1:" + port + "; see " + dir);
  }

  /** {@code host:port}. */
  public String address() {
    return address;
  }

  /** The content digest of {@code repository:tag}'s manifest, or {@code null} when the registry has none. */
  public String manifestDigest(String repository, String tag) throws IOException {
    HttpURLConnection c = open("/v2/" + repository + "/manifests/" + tag, true);
    c.setRequestProperty("Accept", "application/vnd.docker.distribution.manifest.v2+json,"
        + "application/vnd.oci.image.manifest.v1+json");
    try {
      return c.getResponseCode() == 200 ? c.getHeaderField("Docker-Content-Digest") : null;
    } finally {
      c.disconnect();
    }
  }

  /** The status of {@code GET /v2/} without a login: 401 for a registry that asks for one. */
  public int statusWithoutLogin() throws IOException {
    HttpURLConnection c = open("/v2/", false);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection c = open("/v2/", true);
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

  private HttpURLConnection open(String path, boolean login) throws IOException {
    if (basicAuth == null) {
      return (HttpURLConnection) URI.create("http://" + address + path).toURL().openConnection();
    }
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://" + address + path).toURL().openConnection();
    c.setSSLSocketFactory(TRUST_SELF_SIGNED.getSocketFactory());
    c.setHostnameVerifier((host, session) -> true);
    if (login) {
      c.setRequestProperty("Authorization", basicAuth);
    }
    return c;
  }

  private static final SSLContext TRUST_SELF_SIGNED = trustAll();

  private static SSLContext trustAll() {
    TrustManager all = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String type) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String type) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {all}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("keytool.log").toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed; see " + dir.resolve("keytool.log"));
    }
  }

  private static Path newFolder() throws IOException {
    return Files.createTempDirectory("berth-registry");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    if (process == null) {
      return;
    }
    process.destroy();
    try (var walk = Files.walk(storage)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
