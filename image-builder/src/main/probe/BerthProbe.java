import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;

/**
 * Berth's container health probe for shell-less JVM images (no curl, no sh): {@code java -cp /berth/probe
 * BerthProbe http://127.0.0.1:8080/path} exits 0 on an HTTP status below 400, {@code tcp://127.0.0.1:8080} exits 0
 * when the port accepts a connection; anything else exits 1. Compiled for Java 8 so it runs on every JVM base, and
 * kept to java.base so jlink runtimes have all it needs.
 */
public final class BerthProbe {

  private static final int TIMEOUT_MS = 3000;

  private BerthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: BerthProbe http://host:port/path | tcp://host:port");
      System.exit(2);
    }
    try {
      System.exit(probe(args[0]) ? 0 : 1);
    } catch (Exception e) {
      System.err.println("unhealthy: " + args[0] + ": " + e);
      System.exit(1);
    }
  }

  private static boolean probe(String target) throws Exception {
    if (target.startsWith("tcp://")) {
      URL parsed = new URL("http://" + target.substring("tcp://".length()));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(parsed.getHost(), parsed.getPort()), TIMEOUT_MS);
        return true;
      }
    }
    HttpURLConnection http = (HttpURLConnection) new URL(target).openConnection();
    http.setConnectTimeout(TIMEOUT_MS);
    http.setReadTimeout(TIMEOUT_MS);
    http.setInstanceFollowRedirects(false);
    int status = http.getResponseCode();
    InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream();
    if (body != null) {
      body.close();
    }
    if (status >= 400) {
      System.err.println("unhealthy: " + target + " answered " + status);
    }
    return status < 400;
  }
}
