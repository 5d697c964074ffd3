package dev.berth.imagebuilder.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The highest class-file major among a set of classes, as a Java feature release (major − 44), and how many
 * classes there were. Multi-release entries ({@code META-INF/versions/**}) and {@code module-info} are skipped:
 * the JVM only loads them on newer releases, so they say nothing about the floor (DETECTION.md §2.4).
 *
 * @param feature the highest feature release needed, or null when there were no classes
 * @param classes how many {@code .class} entries counted
 */
public record ClassFileScan(Integer feature, int classes) {

  public static final ClassFileScan EMPTY = new ClassFileScan(null, 0);

  /** Whether an entry name is a class that counts for the floor. */
  public static boolean counts(String entry) {
    return entry.endsWith(".class") && !entry.startsWith("META-INF/versions/")
        && !entry.endsWith("module-info.class");
  }

  /** The feature release a class-file header needs, or null when it is not a class file. */
  public static Integer feature(byte[] header) {
    if (header.length < 8 || (header[0] & 0xff) != 0xCA || (header[1] & 0xff) != 0xFE
        || (header[2] & 0xff) != 0xBA || (header[3] & 0xff) != 0xBE) {
      return null;
    }
    int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    return major - 44;
  }

  /** Scans the archive's entries that {@code include} accepts (and {@link #counts}). */
  public static ClassFileScan of(Archive archive, Predicate<String> include) throws ArchiveException {
    Integer max = null;
    int n = 0;
    for (String e : archive.names()) {
      if (counts(e) && include.test(e)) {
        n++;
        Integer f = feature(archive.head(e, 8));
        if (f != null && (max == null || f > max)) {
          max = f;
        }
      }
    }
    return new ClassFileScan(max, n);
  }

  /** Scans every counted class of a jar file. */
  public static ClassFileScan ofJar(Path jar, String name) throws ArchiveException {
    try (Archive a = Archive.open(jar, name)) {
      return of(a, e -> true);
    }
  }

  /** Scans jars: the combined result. */
  public static ClassFileScan ofJars(List<Path> jars, Path root) throws ArchiveException {
    ClassFileScan total = EMPTY;
    for (Path j : jars) {
      total = total.plus(ofJar(j, root.relativize(j).toString()));
    }
    return total;
  }

  /** Scans the class files under a directory (exploded classes). */
  public static ClassFileScan ofDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return EMPTY;
    }
    Integer max = null;
    int n = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (counts(rel)) {
          n++;
          try (InputStream in = Files.newInputStream(p)) {
            Integer f = feature(in.readNBytes(8));
            if (f != null && (max == null || f > max)) {
              max = f;
            }
          }
        }
      }
    }
    return new ClassFileScan(max, n);
  }

  /** Both scans together: the higher release, the summed count. */
  public ClassFileScan plus(ClassFileScan other) {
    Integer f = feature == null ? other.feature
        : other.feature == null ? feature : Integer.valueOf(Math.max(feature, other.feature));
    return new ClassFileScan(f, classes + other.classes);
  }
}
