package dev.berth.imagebuilder.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of an artifact, as the report's {@code artifact.sha256}. */
final class Sha256 {

  private Sha256() {}

  /**
   * Starts hashing {@code file} on another thread, so a large archive is read for its digest while it is being
   * unpacked; {@link Pending#get()} waits for the result.
   */
  static Pending start(Path file) {
    return new Pending(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return of(file);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
  }

  /** A digest being computed. */
  record Pending(java.util.concurrent.CompletableFuture<String> digest) {

    String get() throws IOException {
      try {
        return digest.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof java.io.UncheckedIOException io) {
          throw io.getCause();
        }
        throw e;
      }
    }
  }

  static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
