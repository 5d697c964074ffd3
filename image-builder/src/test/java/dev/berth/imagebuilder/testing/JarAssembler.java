package dev.berth.imagebuilder.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes corpus jars, wars and zips: the manifest first, entries in the order added, fixed timestamps, and an
 * optional byte prefix (a launch script in front of the zip, as Spring Boot's executable jars have).
 */
public final class JarAssembler {

  /** The timestamp every entry carries, so assembled archives are byte-identical across runs. */
  public static final FileTime FIXED_TIME = FileTime.fromMillis(1_700_000_000_000L);

  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private byte[] prefix = new byte[0];

  /** An assembler whose archive has no manifest until {@link #manifest} is called. */
  public static JarAssembler create() {
    return new JarAssembler();
  }

  /** Adds a main-section manifest attribute; {@code Manifest-Version} comes first by itself. */
  public JarAssembler manifest(String name, String value) {
    manifest.put(name, value);
    return this;
  }

  /** Adds one entry; a name ending in {@code /} is a directory entry. */
  public JarAssembler entry(String name, byte[] content) {
    entries.put(name, content);
    return this;
  }

  /** Adds one text entry (UTF-8). */
  public JarAssembler text(String name, String content) {
    return entry(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds class files by entry name, each under {@code dir} (e.g. {@code BOOT-INF/classes/}, or ""). */
  public JarAssembler classes(String dir, Map<String, byte[]> classes) {
    classes.forEach((name, bytes) -> entries.put(dir + name, bytes));
    return this;
  }

  /** Bytes written before the zip itself (a shell launch script). */
  public JarAssembler prefix(String text) {
    prefix = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** Writes the archive to {@code file} (parents created) and returns it. */
  public Path write(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (OutputStream raw = Files.newOutputStream(file)) {
        raw.write(prefix);
        ZipOutputStream zip = new ZipOutputStream(raw);
        if (!manifest.isEmpty()) {
          StringBuilder mf = new StringBuilder("Manifest-Version: 1.0\r\n");
          manifest.forEach((k, v) -> mf.append(k).append(": ").append(v).append("\r\n"));
          mf.append("\r\n");
          put(zip, "META-INF/MANIFEST.MF", mf.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          put(zip, e.getKey(), e.getValue());
        }
        zip.finish();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(FIXED_TIME);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }
}
