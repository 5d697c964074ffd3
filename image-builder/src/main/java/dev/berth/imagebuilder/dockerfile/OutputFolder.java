package dev.berth.imagebuilder.dockerfile;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output folder, written atomically: everything is rendered into a hidden sibling folder, which replaces the
 * old output by renames only once it is complete. A failed run removes its sibling and leaves the old output as
 * it was.
 */
final class OutputFolder {

  /** What a Berth output folder may hold; anything else means the folder is not Berth's to replace. */
  static final Set<String> OWN_ENTRIES =
      Set.of("Dockerfile", ".dockerignore", "detect-report.json", "context", "sbom.cdx.json", "Jenkinsfile");

  private final Path target;
  private final Path staging;

  private OutputFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Starts writing {@code target}.
   *
   * @throws DockerfileException when {@code target} exists and holds files Berth did not write, or is a file
   */
  static OutputFolder begin(Path target) throws DockerfileException, IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new DockerfileException("output " + abs + " is a file; pass a folder with -o");
    }
    if (Files.isDirectory(abs)) {
      try (Stream<Path> entries = Files.list(abs)) {
        String foreign =
            entries.map(p -> p.getFileName().toString()).filter(n -> !OWN_ENTRIES.contains(n)).sorted()
                .findFirst().orElse(null);
        if (foreign != null) {
          throw new DockerfileException(
              "output folder " + abs + " holds '" + foreign + "', which Berth did not write; Berth replaces its"
                  + " output folder as a whole, so pass a new or empty folder with -o");
        }
      }
    }
    Files.createDirectories(abs.getParent());
    Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
    // Temp folders start private (0700); the output is an ordinary folder others may read.
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new OutputFolder(abs, staging);
  }

  /** The folder to render into. */
  Path staging() {
    return staging;
  }

  /** The folder that will hold the output. */
  Path target() {
    return target;
  }

  /**
   * Puts the staged folder in place of the old output (two renames), then deletes the old output. Files of the old
   * output this run did not write (a Jenkinsfile, an SBOM from other Berth commands) are copied over first.
   */
  void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        for (Path p : entries.toList()) {
          Path kept = staging.resolve(p.getFileName().toString());
          if (Files.isRegularFile(p) && !Files.exists(kept)) {
            Files.copy(p, kept, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  /** Removes the staged folder after a failure; the old output stays untouched. */
  void abandon() {
    try {
      deleteTree(staging);
    } catch (IOException ignored) {
      // Best effort: a leftover hidden .tmp- sibling is harmless and names itself.
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
