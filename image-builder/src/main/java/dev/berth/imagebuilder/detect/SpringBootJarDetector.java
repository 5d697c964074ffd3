package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.ArchiveUnpacker;
import dev.berth.imagebuilder.inspect.BuildHints;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot jars ({@code jvm-boot}). 1.4+ ({@code BOOT-INF/}) run exploded as {@code java -cp /app <Main-Class>},
 * the launcher read from the manifest (so 3.2's {@code loader.launch.JarLauncher} comes out right), in the
 * {@code layers.idx} layers; Boot 1.3 (root {@code lib/}) runs as {@code java -jar}.
 */
final class SpringBootJarDetector {

  private static final Pattern LAYER = Pattern.compile("^- \"([^\"]+)\":\\s*$");
  private static final Pattern LAYER_ENTRY = Pattern.compile("^\\s+- \"([^\"]+)\"\\s*$");
  private static final Pattern YAML_PORT = Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*(\\d+)");

  private SpringBootJarDetector() {}

  /** Whether the manifest and entries make this a Boot jar (DETECTION.md §2.3). */
  static boolean isBootJar(Archive a, Map<String, String> manifest) {
    String main = manifest.getOrDefault("Main-Class", "");
    return manifest.containsKey("Spring-Boot-Version") || a.hasPrefix("BOOT-INF/")
        || (main.startsWith("org.springframework.boot.loader.") && a.hasPrefix("lib/"));
  }

  /**
   * Detects the Boot jar {@code jar} (relative to {@code ws}); returns the folder the layers are relative to (an
   * exploded temporary copy for 1.4+, else the workspace root).
   */
  static Path detect(Workspace ws, ReportDraft d, String jar, Path temp, List<Integer> runtimes)
      throws DetectionFailure, IOException {
    Map<String, String> manifest;
    boolean bootInf;
    try (Archive a = LegacyJarDetector.open(ws, jar)) {
      manifest = a.manifest();
      bootInf = a.hasPrefix("BOOT-INF/");
    } catch (ArchiveException e) {
      throw LegacyJarDetector.corrupt(e);
    }
    String launcher = manifest.get("Main-Class");
    String version = manifest.getOrDefault("Spring-Boot-Version", "1.3");
    d.stack = "jvm-boot";
    // The digest is read while the jar is unpacked; the artifact is recorded once both are done.
    Sha256.Pending sha256 = Sha256.start(ws.path(jar));
    List<String> excluded = d.artifact == null ? List.of() : d.artifact.excluded();
    String kind = bootInf ? "boot-jar" : "boot1-root-lib";
    try {
      d.subtype = bootInf ? "boot-jar" : "boot1-root-lib";
      d.decide("stack", "jvm-boot", Confidence.HIGH, "boot-manifest", jar,
          "Spring-Boot-Version " + version + ", Main-Class " + launcher);
      if (!d.decisions.containsKey("artifact")) {
        d.decide("artifact", jar, Confidence.HIGH, "boot-jar", jar, "the only runnable archive");
      }
      Map<String, String> hints = new LinkedHashMap<>();
      JvmLaunch.manifestHints(manifest, hints, jar);
      hints.putAll(BuildHints.read(ws.root, ""));
      String moduleDir = LegacyJarDetector.moduleDirOf(jar);
      if (moduleDir != null) {
        hints.putAll(BuildHints.read(ws.path(moduleDir), moduleDir + "/"));
      }
      if (version.startsWith("3.")) {
        hints.put(jar + " Spring-Boot-Version 3 (needs Java 17)", "17");
      }
      if (!bootInf) {
        ClassFileScan scan;
        try (Archive a = LegacyJarDetector.open(ws, jar)) {
          scan = ClassFileScan.of(a, e -> !e.startsWith("org/springframework/boot/loader/") && !e.startsWith("lib/"));
        } catch (ArchiveException e) {
          throw LegacyJarDetector.corrupt(e);
        }
        JdkDecider.decide(d, jar, scan, ClassFileScan.EMPTY, hints, manifest.get("Build-Jdk"), 0,
            ws.options.jdk(), runtimes);
        d.classes = scan.classes();
        List<String> ep = new ArrayList<>(List.of("java"));
        ep.addAll(JvmLaunch.flags(ws, d, List.of(), jar));
        ep.addAll(List.of("-jar", JvmLaunch.APP + "/" + jar));
        JvmLaunch.start(d, ep, null, jar);
        d.layer("application", List.of(jar), JvmLaunch.targetDirOf(jar));
        portAndHealth(d, null, List.of(), version, jar);
        d.artifact = new DetectReport.Artifact(jar, kind, sha256.get(), excluded);
        return ws.root;
      }
      try {
        ArchiveUnpacker.unpack(ws.path(jar), jar, temp);
      } catch (ArchiveException e) {
        throw LegacyJarDetector.corrupt(e);
      }
      ClassFileScan app = ClassFileScan.ofDirectory(temp.resolve("BOOT-INF/classes"));
      List<String> libs = new ArrayList<>();
      Path libDir = temp.resolve("BOOT-INF/lib");
      if (Files.isDirectory(libDir)) {
        try (var s = Files.list(libDir)) {
          s.map(p -> "BOOT-INF/lib/" + p.getFileName()).filter(n -> n.endsWith(".jar")).sorted()
              .forEach(libs::add);
        }
      }
      ClassFileScan libScan = ClassFileScan.EMPTY;
      for (String l : libs) {
        try {
          libScan = libScan.plus(ClassFileScan.ofJar(temp.resolve(l), jar + "!/" + l));
        } catch (ArchiveException e) {
          throw LegacyJarDetector.corrupt(e);
        }
      }
      JdkDecider.decide(d, jar, app, libScan, hints, manifest.get("Build-Jdk"), 0, ws.options.jdk(), runtimes);
      d.classes = app.classes() + libScan.classes();
      List<String> ep = new ArrayList<>(List.of("java"));
      ep.addAll(JvmLaunch.flags(ws, d, List.of(), jar));
      ep.addAll(List.of("-cp", JvmLaunch.APP, launcher));
      d.start = new DetectReport.Start(ep, JvmLaunch.APP, null, List.of());
      d.decide("start", String.join(" ", ep), Confidence.HIGH, "boot-launcher", jar + "!/META-INF/MANIFEST.MF",
          "Main-Class " + launcher + " (from the manifest), run exploded");
      layers(d, temp, libs);
      portAndHealth(d, temp.resolve("BOOT-INF/classes"), libs, version, jar);
      d.artifact = new DetectReport.Artifact(jar, kind, sha256.get(), excluded);
      return temp;
    } catch (DetectionFailure e) {
      d.artifact = new DetectReport.Artifact(jar, kind, sha256.get(), excluded); // a failed report names it too
      throw e;
    }
  }

  private static void layers(ReportDraft d, Path exploded, List<String> libs) throws IOException {
    Path idx = exploded.resolve("BOOT-INF/layers.idx");
    Map<String, List<String>> layers = new LinkedHashMap<>();
    if (Files.isRegularFile(idx)) {
      String current = null;
      for (String line : Files.readAllLines(idx)) {
        Matcher l = LAYER.matcher(line);
        Matcher e = LAYER_ENTRY.matcher(line);
        if (l.matches()) {
          current = l.group(1);
          layers.put(current, new ArrayList<>());
        } else if (e.matches() && current != null) {
          layers.get(current).add(e.group(1));
        }
      }
    } else {
      layers.put("dependencies", libs.stream().filter(l -> !l.contains("SNAPSHOT")).toList());
      layers.put("spring-boot-loader", List.of("org/"));
      layers.put("snapshot-dependencies", libs.stream().filter(l -> l.contains("SNAPSHOT")).toList());
      layers.put("application", List.of("BOOT-INF/classes/", "META-INF/"));
    }
    for (Map.Entry<String, List<String>> layer : layers.entrySet()) {
      Map<String, List<String>> byTarget = new LinkedHashMap<>();
      for (String entry : layer.getValue()) {
        String p = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        if (!Files.exists(exploded.resolve(p))) {
          continue;
        }
        String target = Files.isDirectory(exploded.resolve(p)) ? JvmLaunch.APP + "/" + p + "/"
            : JvmLaunch.targetDirOf(p);
        byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(p);
      }
      byTarget.forEach((t, s) -> d.layer(layer.getKey(), s, t));
    }
  }

  private static void portAndHealth(ReportDraft d, Path classes, List<String> libs, String version, String jar)
      throws IOException {
    Integer port = null;
    Integer threads = null;
    String where = null;
    if (classes != null) {
      Path props = classes.resolve("application.properties");
      if (Files.isRegularFile(props)) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(props)) {
          p.load(in);
        }
        if (p.getProperty("server.port") != null && p.getProperty("server.port").trim().matches("\\d+")) {
          port = Integer.valueOf(p.getProperty("server.port").trim());
          where = "BOOT-INF/classes/application.properties";
        }
        String t = p.getProperty("server.tomcat.threads.max", p.getProperty("server.tomcat.max-threads"));
        if (t != null && t.trim().matches("\\d+")) {
          threads = Integer.valueOf(t.trim());
        }
      }
      for (String yml : List.of("application.yml", "application.yaml")) {
        Path y = classes.resolve(yml);
        if (port == null && Files.isRegularFile(y)) {
          Matcher m = YAML_PORT.matcher(Files.readString(y) + "\n");
          if (m.find()) {
            port = Integer.valueOf(m.group(1));
            where = "BOOT-INF/classes/" + yml;
          }
        }
      }
    }
    boolean web = libs.stream().anyMatch(l -> l.contains("tomcat-embed") || l.contains("jetty")
        || l.contains("undertow") || l.contains("spring-webflux") || l.contains("spring-webmvc")
        || l.contains("starter-web"));
    if (port != null) {
      d.decide("port", port.toString(), Confidence.HIGH, "server.port", where, "server.port=" + port);
    } else if (web) {
      port = 8080;
      d.decide("port", "8080", Confidence.MEDIUM, "boot-web-default", jar, "embedded web server, no server.port");
    } else {
      d.warn("NO_PORT", "no server.port and no embedded web server in BOOT-INF/lib; the image exposes no port — set"
          + " berth.yaml `port:` if the app listens", jar, null);
    }
    d.port = port;
    if (web || port != null) {
      d.threads = threads != null ? threads : 200;
    }
    boolean actuator = libs.stream().anyMatch(l -> l.contains("spring-boot-actuator"));
    if (port != null) {
      d.health = actuator ? "http:" + port + (version.startsWith("1.") ? "/health" : "/actuator/health")
          : "tcp:" + port;
      d.decide("health", d.health, actuator ? Confidence.HIGH : Confidence.MEDIUM,
          actuator ? "actuator" : "port-open", jar, actuator ? "spring-boot-actuator in BOOT-INF/lib"
              : "no actuator: the port accepting connections");
    }
  }
}
