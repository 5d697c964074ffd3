package dev.berth.runtime.agent.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a build context (tar.gz) into a folder. Entries that would land outside it (absolute names, {@code ..},
 * links pointing out, names running through a link the archive made) are refused: the archive comes from a client
 * of the master, not from the node.
 */
public final class ContextArchive {

  /** What a context may unpack to: eight times the master's 512 MiB upload limit. */
  static final long MAX_UNPACKED_BYTES = 4L << 30;

  private ContextArchive() {}

  /**
   * Unpacks {@code tarGz} into {@code dir} (created when missing).
   *
   * @return the number of files written
   * @throws IOException when the archive is not a tar.gz or holds an entry outside {@code dir}
   */
  public static int unpack(Path tarGz, Path dir) throws IOException {
    return unpack(tarGz, dir, MAX_UNPACKED_BYTES);
  }

  /** As {@link #unpack(Path, Path)}, refusing an archive whose files add up to more than {@code maxBytes}. */
  static int unpack(Path tarGz, Path dir, long maxBytes) throws IOException {
    Path root = Files.createDirectories(dir).toRealPath();
    int files = 0;
    long bytes = 0;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarGz));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = inside(root, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          if (!leadsInside(root, target.getParent(), entry.getLinkName())) {
            throw new IOException("the build context's link " + entry.getName() + " points outside the context"
                + " (or through another of its links)");
          }
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          bytes += entry.getSize();
          if (bytes > maxBytes) {
            // The upload is capped compressed; this caps what it unpacks to on the node's disk.
            throw new IOException("the build context unpacks to more than " + (maxBytes >> 20) + " MiB; a context"
                + " is the app and its Dockerfile: leave build output and caches out with .dockerignore");
          }
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0) {
            target.toFile().setExecutable(true, false);
          }
          files++;
        }
        // Hard links, devices and fifos have no place in a build context; they are skipped.
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("the build context is not a valid tar.gz: " + e.getMessage(), e);
    }
    return files;
  }

  /**
   * Whether a link in {@code folder} to {@code linkName} stays in {@code root}, followed step by step: read by name
   * only, {@code up/..} is {@code folder}, but when {@code up} is a link the file system goes up from where it leads.
   * So a step may not pass through a link; the last one may be a link, which was checked when it was made.
   */
  private static boolean leadsInside(Path root, Path folder, String linkName) {
    Path name = Path.of(linkName);
    Path at = name.isAbsolute() ? name.getRoot() : folder;
    for (int i = 0; i < name.getNameCount(); i++) {
      if (!at.startsWith(root) || i > 0 && Files.isSymbolicLink(at)) {
        return false;
      }
      String step = name.getName(i).toString();
      at = step.equals("..") ? at.getParent() : step.equals(".") ? at : at.resolve(step);
      if (at == null) {
        return false;
      }
    }
    return at.startsWith(root);
  }

  private static Path inside(Path root, String name) throws IOException {
    Path target = root.resolve(name).normalize();
    if (name.startsWith("/") || !target.startsWith(root)) {
      throw new IOException("the build context's entry " + name + " lands outside the context");
    }
    // The checks above read names only; a link unpacked earlier (a/up -> ..) would let a later name (a/up/x) lead
    // the file system elsewhere, so no folder on the way may be a link. Docker's own context tars never need one.
    for (Path folder = target.getParent(); folder != null && !folder.equals(root); folder = folder.getParent()) {
      if (Files.isSymbolicLink(folder)) {
        throw new IOException("the build context's entry " + name + " runs through the link "
            + root.relativize(folder) + "; a context may hold links, not entries under them");
      }
    }
    return target;
  }
}
