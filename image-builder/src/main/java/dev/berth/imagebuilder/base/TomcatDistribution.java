package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The Tomcat distribution {@code org.apache.tomcat:tomcat:<version>:tar.gz} from Maven Central, checked against
 * its published SHA-512 and cached in {@code $BERTH_STATE/downloads}, so it is fetched once per machine.
 *
 * @param version e.g. {@code 9.0.98}
 * @param repository Maven repository root, e.g. {@code https://repo.maven.apache.org/maven2}
 */
record TomcatDistribution(String version, String repository) {

  static final String CENTRAL = "https://repo.maven.apache.org/maven2";

  /** The download address of the tarball. */
  URI uri() {
    return URI.create(repository + "/org/apache/tomcat/tomcat/" + version + "/tomcat-" + version + ".tar.gz");
  }

  /** The verified tarball, downloaded now unless the cache has it. */
  Path fetch(Path state, BaseRecipe.Workspace ws) throws BaseImageException {
    Path cached = state.resolve("downloads").resolve("tomcat-" + version + ".tar.gz");
    if (Files.exists(cached)) {
      return cached;
    }
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    try {
      Files.createDirectories(cached.getParent());
      ws.progress().accept("download " + uri());
      String expected = expectedSha512(http);
      Path part = cached.resolveSibling(cached.getFileName() + ".part");
      HttpResponse<Path> r =
          http.send(
              HttpRequest.newBuilder(uri()).timeout(Duration.ofMinutes(5)).build(),
              HttpResponse.BodyHandlers.ofFile(part));
      if (r.statusCode() != 200) {
        Files.deleteIfExists(part);
        throw new BaseImageException(
            "Maven Central answered HTTP " + r.statusCode() + " for " + uri() + "; check that Tomcat " + version
                + " is published (maven-metadata.xml) and Central is reachable");
      }
      String actual = sha512(part);
      if (!actual.equalsIgnoreCase(expected)) {
        Files.deleteIfExists(part);
        throw new BaseImageException(
            "the download of " + uri() + " has SHA-512 " + actual + " but Central publishes " + expected
                + "; retry, or check for a proxy that alters downloads");
      }
      Files.move(part, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return cached;
    } catch (IOException e) {
      throw new BaseImageException(
          "cannot download " + uri() + " (" + e.getMessage() + "); Maven Central must be reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BaseImageException("interrupted while downloading " + uri(), e);
    }
  }

  private String expectedSha512(HttpClient http) throws IOException, InterruptedException, BaseImageException {
    URI sums = URI.create(uri() + ".sha512");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(sums).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new BaseImageException(
          "Maven Central answered HTTP " + r.statusCode() + " for " + sums + "; pick a Tomcat version listed in"
              + " " + repository + "/org/apache/tomcat/tomcat/maven-metadata.xml");
    }
    return parseChecksum(r.body());
  }

  /** The hex digest of a checksum file: either the bare hex, or {@code <hex>  <file name>}. */
  static String parseChecksum(String body) {
    String trimmed = body.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  static String sha512(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-512", e);
    }
  }
}
