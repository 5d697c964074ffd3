package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.BuildHints;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import dev.berth.imagebuilder.inspect.JavaCommand;
import dev.berth.imagebuilder.inspect.StartCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JVM apps: a start script with {@code -cp … Main} over {@code lib/} ({@code jvm-dist}), or an executable
 * jar ({@code jvm-jar}: {@code shaded}, {@code thin} with a manifest Class-Path, {@code libdir} with a sibling
 * {@code lib/}), started as its script or manifest says.
 */
final class LegacyJarDetector {

  private LegacyJarDetector() {}

  /** A dist started by {@code cmd}; {@code subtype} is {@code dist-dir} or {@code dist-zip}. */
  static void fromScript(Workspace ws, ReportDraft d, StartCommand cmd, String subtype, List<Integer> runtimes)
      throws DetectionFailure, IOException {
    JavaCommand java = JavaCommand.parse(cmd.javaArgs());
    if (java.jar() != null) {
      String jar = JvmLaunch.rel(cmd.resolve(java.jar()));
      if (jar == null || !ws.isFile(jar)) {
        throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, cmd.script() + " runs a jar that is not there",
            "the jar named by -jar in " + cmd.script() + " line " + cmd.javaLine(),
            List.of("-jar " + java.jar() + " (resolves to " + cmd.resolve(java.jar()) + ")"),
            "add the jar to the input, or berth.yaml `artifact: <the jar>`");
      }
      fromJar(ws, d, jar, java, cmd, runtimes);
      return;
    }
    if (java.mainClass() == null || java.classpath() == null) {
      throw new DetectionFailure(Outcome.LOW_CONFIDENCE, cmd.script() + " runs java without a main class Berth"
          + " can read", "java -cp <classpath> <main class> or java -jar <jar> in " + cmd.script(),
          List.of(cmd.javaLine() + ": java " + String.join(" ", cmd.javaArgs())),
          "berth.yaml `artifact: <the app jar>`");
    }
    d.stack = "jvm-dist";
    d.subtype = subtype;
    d.decide("stack", "jvm-dist", Confidence.HIGH, "launcher-script", cmd.script(),
        "runs java -cp … " + java.mainClass() + " (line " + cmd.javaLine() + ")");
    List<String> jars = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    List<String> cpOut = new ArrayList<>();
    for (String entry : java.classpath().split(":")) {
      if (entry.isBlank()) {
        continue;
      }
      String abs = cmd.resolve(entry);
      String rel = JvmLaunch.rel(abs.endsWith("/*") ? abs.substring(0, abs.length() - 2) : abs);
      if (rel == null) {
        d.warn("PATH_OUTSIDE_INPUT", "classpath entry " + entry + " is outside the input and left out",
            cmd.script(), cmd.javaLine());
        continue;
      }
      cpOut.add(abs.endsWith("*") ? abs : abs);
      if (abs.endsWith("/*") || entry.endsWith("*")) {
        for (String f : ws.filesIn(rel.equals(".") ? "" : rel)) {
          if (f.endsWith(".jar")) {
            jars.add(f);
          }
        }
      } else if (rel.endsWith(".jar")) {
        if (!ws.isFile(rel)) {
          throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, "classpath jar " + rel + " is missing",
              "every classpath jar of " + cmd.script() + " line " + cmd.javaLine(), List.of(entry + " → " + rel),
              "add " + rel + " to the input");
        }
        jars.add(rel);
      } else if (ws.isDirectory(rel)) {
        dirs.add(rel);
      }
    }
    String mainEntry = java.mainClass().replace('.', '/') + ".class";
    String appJar = null;
    for (String j : jars) {
      try (Archive a = open(ws, j)) {
        if (a.has(mainEntry)) {
          appJar = j;
          break;
        }
      }
    }
    if (appJar == null) {
      throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, "main class " + java.mainClass() + " is in no jar",
          "a jar on the classpath of " + cmd.script() + " holding " + mainEntry, jars,
          "add the app jar to the classpath folder, or berth.yaml `artifact: <the app jar>`");
    }
    d.artifact = new DetectReport.Artifact(appJar, subtype, Sha256.of(ws.path(appJar)), List.of());
    d.decide("artifact", appJar, Confidence.HIGH, "main-class-entry", appJar, "holds " + mainEntry);
    List<String> libs = new ArrayList<>(jars);
    libs.remove(appJar);
    Map<String, String> hints = new LinkedHashMap<>();
    ClassFileScan app;
    try (Archive a = open(ws, appJar)) {
      app = ClassFileScan.of(a, e -> true);
      JvmLaunch.manifestHints(a.manifest(), hints, appJar);
    } catch (ArchiveException e) {
      throw corrupt(e);
    }
    hints.putAll(BuildHints.read(ws.root, ""));
    ClassFileScan libScan = scanJars(ws, libs);
    String buildJdk = hints.entrySet().stream().filter(e -> e.getKey().endsWith("Build-Jdk"))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    JdkDecider.decide(d, appJar, app, libScan, hints, buildJdk, 0, ws.options.jdk(), runtimes);
    d.classes = app.classes() + libScan.classes() + (d.classes == null ? 0 : d.classes);
    for (String agent : java.agents()) {
      JvmLaunch.agent(ws, d, cmd.resolve(agent), cmd.script());
    }
    List<String> flags = JvmLaunch.flags(ws, d, JvmLaunch.absolutize(java.options(), cmd), cmd.script());
    List<String> entrypoint = new ArrayList<>(List.of("java"));
    entrypoint.addAll(flags);
    entrypoint.add("-cp");
    entrypoint.add(String.join(":", cpOut));
    entrypoint.add(java.mainClass());
    entrypoint.addAll(java.appArgs());
    JvmLaunch.start(d, entrypoint, cmd, cmd.script());
    layers(d, libs, List.of(appJar), dirs);
    JvmLaunch.conventionalWritable(ws, d);
    JvmLaunch.logConfig(ws, d, dirs);
  }

  /**
   * An executable jar at {@code jar} (relative), started by {@code java} from a script ({@code cmd} non-null) or
   * by its manifest.
   */
  static void fromJar(Workspace ws, ReportDraft d, String jar, JavaCommand java, StartCommand cmd,
      List<Integer> runtimes) throws DetectionFailure, IOException {
    Map<String, String> manifest;
    ClassFileScan app;
    Map<String, String> hints = new LinkedHashMap<>();
    try (Archive a = open(ws, jar)) {
      manifest = a.manifest();
      app = ClassFileScan.of(a, e -> true);
      JvmLaunch.manifestHints(manifest, hints, jar);
    } catch (ArchiveException e) {
      throw corrupt(e);
    }
    String main = manifest.get("Main-Class");
    String classPath = manifest.get("Class-Path");
    String dir = jar.contains("/") ? jar.substring(0, jar.lastIndexOf('/') + 1) : "";
    List<String> libs = new ArrayList<>();
    String kind;
    if (classPath != null && !classPath.isBlank()) {
      kind = "thin";
      for (String e : classPath.trim().split("\\s+")) {
        String rel = Path.of(dir + e).normalize().toString().replace('\\', '/');
        if (!ws.isFile(rel) && !ws.isDirectory(rel)) {
          throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, jar + " needs " + rel + ", which is missing",
              "every file in the Class-Path of " + jar + "'s manifest", List.of("Class-Path: " + classPath,
              "missing: " + rel), "add " + rel + " beside " + jar + " (as the manifest's Class-Path says)");
        }
        if (rel.endsWith(".jar")) {
          libs.add(rel);
        }
      }
    } else if (ws.isDirectory(dir + "lib") && cmd == null) {
      kind = "libdir";
      for (String f : ws.filesIn(dir + "lib")) {
        if (f.endsWith(".jar")) {
          libs.add(f);
        }
      }
    } else {
      kind = "shaded";
    }
    d.stack = "jvm-jar";
    d.subtype = kind;
    d.artifact = new DetectReport.Artifact(jar, kind, Sha256.of(ws.path(jar)), d.artifact == null ? List.of()
        : d.artifact.excluded());
    d.decide("stack", "jvm-jar", Confidence.HIGH, cmd != null ? "launcher-script" : "exec-jar",
        cmd != null ? cmd.script() : jar, "Main-Class " + main + (cmd != null ? ", run by java -jar on line "
            + cmd.javaLine() : ""));
    if (!d.decisions.containsKey("artifact")) {
      d.decide("artifact", jar, Confidence.HIGH, "exec-jar", jar, kind + ", Main-Class " + main);
    }
    hints.putAll(BuildHints.read(ws.root, ""));
    String moduleDir = moduleDirOf(jar);
    if (moduleDir != null) {
      hints.putAll(BuildHints.read(ws.path(moduleDir), moduleDir + "/"));
    }
    ClassFileScan libScan = scanJars(ws, libs);
    String buildJdk = manifest.get("Build-Jdk");
    JdkDecider.decide(d, jar, app, libScan, hints, buildJdk, 0, ws.options.jdk(), runtimes);
    d.classes = app.classes() + libScan.classes() + (d.classes == null ? 0 : d.classes);
    List<String> options = new ArrayList<>();
    if (java != null) {
      for (String agent : java.agents()) {
        JvmLaunch.agent(ws, d, cmd.resolve(agent), cmd.script());
      }
      options.addAll(JvmLaunch.absolutize(java.options(), cmd));
    }
    List<String> flags = JvmLaunch.flags(ws, d, options, cmd != null ? cmd.script() : jar);
    List<String> entrypoint = new ArrayList<>(List.of("java"));
    entrypoint.addAll(flags);
    if (kind.equals("libdir")) {
      entrypoint.addAll(List.of("-cp", JvmLaunch.APP + "/" + jar + ":" + JvmLaunch.APP + "/" + dir + "lib/*", main));
    } else {
      entrypoint.addAll(List.of("-jar", JvmLaunch.APP + "/" + jar));
    }
    if (java != null) {
      entrypoint.addAll(java.appArgs());
    }
    JvmLaunch.start(d, entrypoint, cmd, jar);
    layers(d, libs, List.of(jar), List.of());
    JvmLaunch.conventionalWritable(ws, d);
    if (d.port == null) {
      d.warn("NO_PORT", "no port found (-Dserver.port, -Dhttp.port, -Djetty.port); the image exposes none — set"
          + " berth.yaml `port:` if the app listens", jar, null);
    }
  }

  /** Layers in build order: release libs, SNAPSHOT libs, agents, resources, the app. */
  static void layers(ReportDraft d, List<String> libs, List<String> app, List<String> resourceDirs) {
    Map<String, List<String>> release = byTarget(libs.stream().filter(l -> !l.contains("-SNAPSHOT")).toList());
    Map<String, List<String>> snapshot = byTarget(libs.stream().filter(l -> l.contains("-SNAPSHOT")).toList());
    release.forEach((t, s) -> d.layer("dependencies", s, t));
    snapshot.forEach((t, s) -> d.layer("snapshot-dependencies", s, t));
    JvmLaunch.agentLayer(d);
    for (String r : resourceDirs) {
      d.layer("resources", List.of(r), JvmLaunch.APP + "/" + r + "/");
    }
    byTarget(app).forEach((t, s) -> d.layer("application", s, t));
  }

  private static Map<String, List<String>> byTarget(List<String> files) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String f : files.stream().sorted().toList()) {
      out.computeIfAbsent(JvmLaunch.targetDirOf(f), k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  static ClassFileScan scanJars(Workspace ws, List<String> jars) throws DetectionFailure {
    ClassFileScan total = ClassFileScan.EMPTY;
    for (String j : jars) {
      try {
        total = total.plus(ClassFileScan.ofJar(ws.path(j), j));
      } catch (ArchiveException e) {
        throw corrupt(e);
      }
    }
    return total;
  }

  static Archive open(Workspace ws, String rel) throws DetectionFailure {
    try {
      return Archive.open(ws.path(rel), rel);
    } catch (ArchiveException e) {
      throw corrupt(e);
    }
  }

  static DetectionFailure corrupt(ArchiveException e) {
    return new DetectionFailure(Outcome.INCOMPLETE_INPUT, e.path() + " is not a readable archive",
        "a complete jar/war/zip", List.of(e.getMessage()), "rebuild " + e.path() + " or copy it again;"
            + " a truncated upload or an interrupted build leaves this");
  }

  /** {@code web} for {@code web/target/x.jar} or {@code web/build/libs/x.jar}; null at the root. */
  static String moduleDirOf(String jar) {
    for (String marker : List.of("/target/", "/build/libs/")) {
      int i = jar.indexOf(marker);
      if (i > 0) {
        return jar.substring(0, i);
      }
    }
    return null;
  }
}
