package dev.berth.runtime.agent.build;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The agent's own class path, which the builder container runs with (mounted read-only at the same paths): the
 * shaded {@code berth.jar} in production; in tests the surefire/failsafe booter jar, which holds only a manifest
 * whose {@code Class-Path} lists the real entries, is replaced by those entries.
 */
public final class BuilderClasspath {

  private BuilderClasspath() {}

  /** This JVM's class path entries that exist, booter jars expanded, absolute and without duplicates. */
  public static List<Path> current() {
    return of(System.getProperty("java.class.path", ""));
  }

  /** The entries of {@code classPath} ({@link File#pathSeparator}-separated), booter jars expanded. */
  static List<Path> of(String classPath) {
    Set<Path> out = new LinkedHashSet<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        continue;
      }
      List<Path> manifestEntries = manifestOnlyClassPath(path);
      if (manifestEntries.isEmpty()) {
        out.add(path);
      } else {
        manifestEntries.stream().filter(Files::exists).forEach(out::add);
      }
    }
    return new ArrayList<>(out);
  }

  /** The Class-Path of a jar that holds nothing but its manifest (a booter jar); empty for any other entry. */
  private static List<Path> manifestOnlyClassPath(Path path) {
    if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
      return List.of();
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      boolean onlyMetaInf = jar.stream().allMatch(e -> e.getName().startsWith("META-INF/"));
      String classPath = jar.getManifest() == null
          ? null : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (!onlyMetaInf || classPath == null || classPath.isBlank()) {
        return List.of();
      }
      List<Path> entries = new ArrayList<>();
      URI base = path.getParent().toUri();
      for (String url : classPath.trim().split("\\s+")) {
        URI uri = base.resolve(url);
        entries.add(Path.of(uri).toAbsolutePath().normalize());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path entry " + path, e);
    }
  }
}
