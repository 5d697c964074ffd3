package dev.berth.runtime.master;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The master's API bearer token: read from {@code api-token} in the state folder, created there on first start. */
public final class ApiToken {

  /** The token file's name in the state folder. */
  public static final String FILE_NAME = "api-token";

  private ApiToken() {}

  /** The token in {@code stateDir}, created (owner-readable only) when missing. */
  public static String loadOrCreate(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Files.createDirectories(stateDir);
    Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, token + "\n");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions protect it.
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return token;
  }
}
