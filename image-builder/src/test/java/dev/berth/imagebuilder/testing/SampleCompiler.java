package dev.berth.imagebuilder.testing;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles corpus sources in process with {@code javax.tools} and {@code --release N}; returns the class files by
 * entry name ({@code com/acme/Main.class}), so fixtures hold really compiled code.
 */
public final class SampleCompiler {

  /** Compilations already done in this JVM: fixtures reuse the same stubs and mains many times. */
  private static final Map<String, Map<String, byte[]>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private SampleCompiler() {}

  /**
   * Compiles {@code sources} (binary class name → source text) for {@code release} against {@code classpath}
   * (class files by entry name, e.g. a servlet API stub, not part of the result).
   */
  public static Map<String, byte[]> compile(
      int release, Map<String, String> sources, Map<String, byte[]> classpath) {
    StringBuilder key = new StringBuilder().append(release).append('\n');
    new TreeMap<>(sources).forEach((k, v) -> key.append(k).append('\n').append(v).append('\n'));
    new TreeMap<>(classpath).forEach((k, v) -> key.append(k).append(java.util.Arrays.hashCode(v)).append('\n'));
    return CACHE.computeIfAbsent(key.toString(), k -> javac(release, sources, classpath));
  }

  private static Map<String, byte[]> javac(
      int release, Map<String, String> sources, Map<String, byte[]> classpath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path work = null;
    try {
      work = Files.createTempDirectory("berth-sample-javac");
      Path src = work.resolve("src");
      Path out = work.resolve("out");
      Path cp = work.resolve("cp");
      Files.createDirectories(out);
      Files.createDirectories(cp);
      List<String> args = new ArrayList<>(List.of("--release", Integer.toString(release), "-nowarn",
          "-Xlint:-options", "-d", out.toString(), "-cp", cp.toString(), "-encoding", "UTF-8"));
      for (Map.Entry<String, byte[]> e : classpath.entrySet()) {
        Path p = cp.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path p = src.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        args.add(p.toString());
      }
      ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
      int rc = javac.run(null, null, diagnostics, args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException("javac --release " + release + " failed (" + rc + ") for " + sources.keySet()
            + ":\n" + diagnostics.toString(StandardCharsets.UTF_8));
      }
      Map<String, byte[]> classes = new TreeMap<>();
      try (Stream<Path> files = Files.walk(out)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          classes.put(out.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
        }
      }
      return java.util.Collections.unmodifiableMap(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(work);
    }
  }

  /** {@link #compile(int, Map, Map)} without a classpath. */
  public static Map<String, byte[]> compile(int release, Map<String, String> sources) {
    return compile(release, sources, Map.of());
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temp folder is harmless; the fixture itself was built.
    }
  }
}
