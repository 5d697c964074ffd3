package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A jlink'ed Java runtime from a host JDK, and the host libraries it needs ({@code ldd} over its binaries). JDKs
 * without {@code jmods} (Temurin 24+) link from their own runtime image (JEP 493), so the same call serves both.
 *
 * @param jdkHome the host JDK
 * @param modules the modules to link
 */
record JlinkRuntime(Path jdkHome, List<String> modules) {

  JlinkRuntime {
    modules = List.copyOf(modules);
  }

  /** The hashed inputs: the JDK's full build string and the module list. */
  Map<String, String> inputs() throws BaseImageException {
    JdkRelease release = JdkRelease.read(jdkHome);
    Map<String, String> in = new TreeMap<>();
    in.put("jdk.home", jdkHome.toString());
    in.put("jdk.runtime-version", release.runtimeVersion());
    in.put("jlink.modules", String.join(",", modules));
    return in;
  }

  /** Runs jlink into {@code output} (replaced if present) and returns the libraries it needs: soname → host path. */
  Map<String, String> link(Path output, BaseRecipe.Workspace ws) throws BaseImageException {
    JdkRelease release = JdkRelease.read(jdkHome);
    Path jlink = jdkHome.resolve("bin/jlink");
    if (!Files.isExecutable(jlink)) {
      throw new BaseImageException(
          "no jlink at " + jlink + "; install a full JDK there (Debian: openjdk-" + release.feature()
              + "-jdk-headless)");
    }
    deleteTree(output);
    List<String> cmd = new ArrayList<>(List.of(jlink.toString()));
    if (Files.isDirectory(jdkHome.resolve("jmods"))) {
      cmd.addAll(List.of("--module-path", jdkHome.resolve("jmods").toString()));
    }
    cmd.addAll(List.of("--add-modules", String.join(",", modules)));
    cmd.addAll(List.of("--strip-debug", "--no-man-pages", "--no-header-files"));
    // --compress=2 is deprecated from JDK 21 on; zip-6 is its equivalent there.
    cmd.add(release.feature() >= 21 ? "--compress=zip-6" : "--compress=2");
    cmd.addAll(List.of("--output", output.toString()));
    ws.progress().accept("jlink " + modules.size() + " modules from " + jdkHome + " (" + release.javaVersion() + ")");
    ToolProcess.check(cmd, Map.of(), ws.dir(), 10);

    List<String> lddCmd = new ArrayList<>(List.of("ldd"));
    try (Stream<Path> files = Files.walk(output)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".so") || p.getParent().endsWith("bin"))
          .sorted()
          .forEach(p -> lddCmd.add(p.toString()));
    } catch (IOException e) {
      throw new BaseImageException("cannot list the jlink output " + output + ": " + e.getMessage(), e);
    }
    // ldd exits 1 when one argument is not dynamic; the parsed lines are what count.
    String ldd = ToolProcess.run(lddCmd, Map.of(), ws.dir(), 2).output();
    Map<String, String> libs = new LinkedHashMap<>(LddOutput.libraries(ldd));
    // The JRE's own libraries (libjli, libjava …) resolve inside it through $ORIGIN; they are there already.
    libs.values().removeIf(path -> Path.of(path).normalize().startsWith(output));
    if (libs.keySet().stream().noneMatch(s -> s.startsWith("libc.so"))) {
      throw new BaseImageException("ldd found no libc for the JRE in " + output + ":\n" + ldd);
    }
    return libs;
  }

  static void deleteTree(Path dir) throws BaseImageException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new BaseImageException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
