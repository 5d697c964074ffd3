package dev.berth.runtime.master.transport;

import dev.berth.runtime.wire.JoinToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The master's join token, kept in {@code join-token} in its state folder (created owner-only on first start). */
public final class JoinTokenFile {

  /** The file's name in the state folder. */
  public static final String FILE_NAME = "join-token";

  private JoinTokenFile() {}

  /** Reads the token in {@code stateDir}, creating one when there is none. */
  public static JoinToken readOrCreate(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return JoinToken.parse(Files.readString(file, StandardCharsets.UTF_8));
    }
    Files.createDirectories(stateDir);
    JoinToken token = JoinToken.generate();
    Path tmp = Files.createTempFile(stateDir, FILE_NAME, ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions protect it.
    }
    Files.writeString(tmp, token.write() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return token;
  }
}
