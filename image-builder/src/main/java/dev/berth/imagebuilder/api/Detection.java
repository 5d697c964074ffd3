package dev.berth.imagebuilder.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A detect report and the folder its layer sources are relative to; for archives detection unpacked (dist zips,
 * exploded Boot jars) that folder is a temporary copy, deleted by {@link #close()}.
 *
 * @param report what detection decided
 * @param root a directory in which every {@code report.layers()[*].sources()} path exists
 * @param temporary the temporary folder (holding {@code root}) that {@link #close()} deletes, or null when
 *     {@code root} is the user's own folder
 */
public record Detection(DetectReport report, Path root, Path temporary) implements AutoCloseable {

  /** A detection whose root is the user's own folder, never deleted. */
  public Detection(DetectReport report, Path root) {
    this(report, root, null);
  }

  @Override
  public void close() {
    if (temporary == null || !Files.exists(temporary)) {
      return;
    }
    try (Stream<Path> files = Files.walk(temporary)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the unpacked copy " + temporary, e);
    }
  }
}
