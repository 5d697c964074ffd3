package dev.berth.imagebuilder.base;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a few small files out of a root filesystem tar (a JDK's release file, dpkg's status). */
final class TarFiles {

  private TarFiles() {}

  /** The text of each wanted regular file that the tar holds; names without a leading {@code ./} or {@code /}. */
  static Map<String, String> read(Path tar, Set<String> wanted) throws BaseImageException {
    Map<String, String> found = new HashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16);
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null && found.size() < wanted.size()) {
        String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
        if (e.isFile() && wanted.contains(name)) {
          found.put(name, new String(t.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new BaseImageException("cannot read " + tar + ": " + e.getMessage(), e);
    }
    return found;
  }
}
