package dev.berth.imagebuilder.inspect;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks zip/jar and tar/tar.gz archives into a folder, refusing entries that would land outside it (absolute
 * names, {@code ..}) and links; a corrupt or truncated archive is an {@link ArchiveException}, never half-trusted.
 */
public final class ArchiveUnpacker {

  private ArchiveUnpacker() {}

  /** Whether {@code file}'s name says it is a tar archive ({@code .tar}, {@code .tar.gz}, {@code .tgz}). */
  public static boolean isTar(Path file) {
    String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
  }

  /** Unpacks {@code archive} (named {@code name} in messages) into the existing folder {@code into}. */
  public static void unpack(Path archive, String name, Path into) throws ArchiveException {
    if (isTar(archive)) {
      untar(archive, name, into);
    } else {
      unzip(archive, name, into);
    }
  }

  private static void unzip(Path archive, String name, Path into) throws ArchiveException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        Path target = safe(into, e.getName(), name);
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        executableIfScript(target, e.getName());
      }
    } catch (ZipException e) {
      throw new ArchiveException(name, "not a readable zip archive (" + e.getMessage()
          + "); it is corrupt or truncated — rebuild it or copy it again", e);
    } catch (IOException e) {
      throw new ArchiveException(name, "cannot be unpacked: " + e.getMessage()
          + "; it is corrupt or truncated — rebuild it or copy it again", e);
    }
  }

  private static void untar(Path archive, String name, Path into) throws ArchiveException {
    boolean gzip = !archive.getFileName().toString().endsWith(".tar");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        InputStream in = gzip ? new GzipCompressorInputStream(raw) : raw;
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isSymbolicLink() || e.isLink()) {
          continue; // links could point outside the folder; dists do not need them
        }
        Path target = safe(into, e.getName(), name);
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        if ((e.getMode() & 0100) != 0) {
          target.toFile().setExecutable(true);
        }
      }
    } catch (IOException e) {
      throw new ArchiveException(name, "cannot be unpacked: " + e.getMessage()
          + "; it is corrupt or truncated — rebuild it or copy it again", e);
    }
  }

  private static Path safe(Path into, String entry, String name) throws ArchiveException {
    String n = entry.replace('\\', '/');
    Path target = into.resolve(n).normalize();
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || !target.startsWith(into.normalize())) {
      throw new ArchiveException(name, "entry '" + entry + "' would be written outside the unpack folder;"
          + " Berth refuses archives with absolute or ../ entry names — rebuild the archive with relative names",
          null);
    }
    return target;
  }

  private static void executableIfScript(Path target, String entry) {
    if (entry.contains("/bin/") || entry.endsWith(".sh")) {
      target.toFile().setExecutable(true);
    }
  }
}
