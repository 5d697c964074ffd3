package dev.berth.imagebuilder.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A jar, war or zip read through its central directory ({@link ZipFile}), so launch-script-prefixed jars open too;
 * never a stream reader, which sees no entries in them (DETECTION.md §2.1).
 */
public final class Archive implements AutoCloseable {

  private final String name;
  private final ZipFile zip;
  private final List<String> names;

  private Archive(String name, ZipFile zip, List<String> names) {
    this.name = name;
    this.zip = zip;
    this.names = names;
  }

  /**
   * Opens {@code file}; {@code name} is how messages call it (relative to the input).
   *
   * @throws ArchiveException when it is not a readable zip (corrupt or truncated)
   */
  public static Archive open(Path file, String name) throws ArchiveException {
    try {
      ZipFile zip = new ZipFile(file.toFile());
      List<String> names = new ArrayList<>();
      for (ZipEntry e : Collections.list(zip.entries())) {
        names.add(e.getName());
      }
      return new Archive(name, zip, List.copyOf(names));
    } catch (ZipException e) {
      throw new ArchiveException(name, "not a readable zip archive (" + e.getMessage()
          + "); it is corrupt or truncated — rebuild it or copy it again", e);
    } catch (IOException e) {
      throw new ArchiveException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  /** Entry names in central-directory order. */
  public List<String> names() {
    return names;
  }

  public boolean has(String entry) {
    return zip.getEntry(entry) != null;
  }

  /** Whether any entry starts with {@code prefix}. */
  public boolean hasPrefix(String prefix) {
    for (String n : names) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The manifest's main attributes in file order; empty without a manifest. */
  public Map<String, String> manifest() throws ArchiveException {
    byte[] bytes = bytes("META-INF/MANIFEST.MF");
    Map<String, String> attributes = new LinkedHashMap<>();
    if (bytes == null) {
      return attributes;
    }
    try {
      Manifest mf = new Manifest(new java.io.ByteArrayInputStream(bytes));
      mf.getMainAttributes().forEach((k, v) -> attributes.put(k.toString(), v.toString()));
      return attributes;
    } catch (IOException e) {
      throw new ArchiveException(name, "has an unreadable META-INF/MANIFEST.MF: " + e.getMessage(), e);
    }
  }

  /** An entry's bytes, or null when absent. */
  public byte[] bytes(String entry) throws ArchiveException {
    ZipEntry e = zip.getEntry(entry);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    } catch (IOException ex) {
      throw new ArchiveException(name, "entry " + entry + " cannot be read (" + ex.getMessage()
          + "); the archive is corrupt or truncated", ex);
    }
  }

  /** The first {@code n} bytes of an entry (a class-file header), or fewer if it is shorter. */
  public byte[] head(String entry, int n) throws ArchiveException {
    ZipEntry e = zip.getEntry(entry);
    try (InputStream in = zip.getInputStream(e)) {
      return in.readNBytes(n);
    } catch (IOException ex) {
      throw new ArchiveException(name, "entry " + entry + " cannot be read (" + ex.getMessage()
          + "); the archive is corrupt or truncated", ex);
    }
  }

  /** An entry as UTF-8 text, or null when absent. */
  public String text(String entry) throws ArchiveException {
    byte[] b = bytes(entry);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      // Closing a read-only zip cannot lose data.
    }
  }
}
