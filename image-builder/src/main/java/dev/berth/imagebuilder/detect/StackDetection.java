package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.inspect.AppFactsReader;
import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.ArchiveUnpacker;
import dev.berth.imagebuilder.inspect.StartCommand;
import dev.berth.imagebuilder.inspect.StartScriptParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ordered detection procedure of DETECTION.md §2.2, in one place: overrides, unpacking, launcher scripts,
 * archives by search level, unbuilt JVM sources, Node, Python, Go, static, nothing. Each step either decides, fails
 * with a §2.8 outcome, or records why it did not match.
 */
public final class StackDetection {

  /** Archive search levels, in order; the first level holding a runnable archive decides. */
  static final List<String> LEVELS = List.of(".", "target", "build/libs", "*/target", "*/build/libs", "dist",
      "deploy");
  private static final List<String> EXCLUDED_SUFFIXES = List.of("-sources.jar", "-javadoc.jar", "-tests.jar",
      "-plain.jar", "-test-sources.jar", ".jar.original");

  private final List<Integer> jreRuntimes;
  private final Function<String, Optional<Integer>> tomcatJdk;
  private final String version;
  /** The options after berth.yaml was merged in (one detection per instance at a time). */
  private DetectOptions merged;

  /** Detection over the catalog's JRE runtimes and Tomcat bases. */
  public StackDetection(dev.berth.imagebuilder.catalog.BaseImageCatalog catalog, String version) {
    this(catalog.jdkRuntimes(), line -> catalog.tomcat(line).map(dev.berth.imagebuilder.catalog.BaseImage::jdk),
        version);
  }

  /**
   * @param jreRuntimes the Java releases the base-image catalog has JRE bases for, ascending
   * @param tomcatJdk the Java release of the catalog's Tomcat base for a line ({@code 9.0} …), if any
   * @param version Berth's version, written into reports
   */
  public StackDetection(List<Integer> jreRuntimes, Function<String, Optional<Integer>> tomcatJdk, String version) {
    this.jreRuntimes = List.copyOf(jreRuntimes);
    this.tomcatJdk = tomcatJdk;
    this.version = version;
  }

  /** Detects {@code input} (a folder, or a jar/war/ear/zip/tar.gz file). Never throws for bad input. */
  public Detection detect(Path input, DetectOptions options) {
    DetectOptions o = options == null ? DetectOptions.none() : options;
    merged = o;
    ReportDraft d = new ReportDraft();
    Path temp = null;
    Path root = null;
    try {
      temp = Files.createTempDirectory("berth-detect-");
      root = run(input.toAbsolutePath().normalize(), o, d, temp);
      o = merged;
      finish(d, o);
      Outcome outcome = Outcome.OK;
      DetectReport.Problem problem = null;
      if (d.overall() == Confidence.LOW && o.failOnLowConfidence()) {
        outcome = Outcome.LOW_CONFIDENCE;
        problem = lowConfidence(d);
      }
      DetectReport report = d.build(version, outcome, problem);
      boolean usesTemp = root.startsWith(temp);
      if (!usesTemp) {
        delete(temp);
      }
      return new Detection(report, root, usesTemp ? temp : null);
    } catch (DetectionFailure f) {
      d.candidates.addAll(f.candidates());
      d.nearMisses.addAll(f.nearMisses());
      delete(temp);
      Path where = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
      return new Detection(d.build(version, f.outcome(), f.problem()), where, null);
    } catch (RuntimeException e) {
      delete(temp);
      return new Detection(d.build(version, Outcome.INTERNAL, new DetectReport.Problem(
          "detection failed unexpectedly: " + e, "a detect report", List.of(String.valueOf(e)),
          "report this as a Berth bug, with the input's layout")), input, null);
    } catch (IOException e) {
      delete(temp);
      return new Detection(d.build(version, Outcome.INCOMPLETE_INPUT, new DetectReport.Problem(
          "cannot read " + input + ": " + e.getMessage(), "a readable folder or archive",
          List.of(String.valueOf(e.getMessage())), "check the path and its permissions")), input, null);
    }
  }

  private Path run(Path input, DetectOptions given, ReportDraft d, Path temp) throws DetectionFailure, IOException {
    if (!Files.exists(input)) {
      throw new DetectionFailure(Outcome.USAGE, input + " does not exist", "a folder or a jar/war/zip/tar.gz",
          List.of("nothing at " + input), "pass the application's folder or archive as PATH");
    }
    // 0 Overrides: berth.yaml under the step's/CLI's values, validated before anything else is read.
    DetectOptions o = Files.isDirectory(input) ? BerthYaml.merge(input, given, d) : given;
    merged = o;
    overrides(o, d);
    // 1 Unpack: a file input is an archive.
    if (Files.isRegularFile(input)) {
      String name = input.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      Workspace parent = new Workspace(input.getParent(), o);
      if (lower.endsWith(".ear")) {
        throw ear(name);
      }
      if (lower.endsWith(".jar") || lower.endsWith(".war")) {
        return archive(parent, d, name, temp, List.of(".", name));
      }
      if (lower.endsWith(".zip") || ArchiveUnpacker.isTar(input)) {
        return DistZipDetector.detect(this, input, name, o, d, temp);
      }
      throw new DetectionFailure(Outcome.UNKNOWN_STACK, name + " is not an archive Berth reads",
          "a folder, or a .jar, .war, .zip, .tar, .tar.gz or .tgz file", List.of(name),
          "pass the application's folder, or berth.yaml `artifact: <the jar or war>`");
    }
    Workspace ws = new Workspace(input, o);
    return folder(ws, d, temp, null);
  }

  /** Steps 2–10 over a folder; {@code subtype} is {@code dist-zip} when the folder came out of an archive. */
  Path folder(Workspace ws, ReportDraft d, Path temp, String subtype) throws DetectionFailure, IOException {
    DetectOptions o = ws.options;
    if (o.artifact() != null) {
      return artifactOverride(ws, d, temp);
    }
    // 2 Exploded: WEB-INF/ is a WAR, a manifest with Main-Class a jar (Boot with BOOT-INF/).
    if (ExplodedAppDetector.detect(ws, d, jreRuntimes(), this::tomcatJdk)) {
      return ws.root;
    }
    // 3 Launcher: shell scripts in bin/ or the root that run java, with jars beside them.
    List<StartCommand> scripts = launchers(ws);
    if (scripts.size() > 1) {
      List<String> found = scripts.stream().map(s -> s.script() + " (line " + s.javaLine() + ": java …)").toList();
      throw new DetectionFailure(Outcome.AMBIGUOUS, scripts.size() + " start scripts run java",
          "shell scripts in bin/ and the input folder that run java", found,
          "berth.yaml `artifact: <the app jar>` naming the jar the right script starts")
          .with(scripts.stream().map(s -> new DetectReport.Candidate(s.script(), "start-script",
              List.of("java on line " + s.javaLine()))).toList(), List.of());
    }
    if (scripts.size() == 1) {
      LegacyJarDetector.fromScript(ws, d, scripts.get(0), subtype == null ? "dist-dir" : subtype, jreRuntimes());
      return ws.root;
    }
    // 4 Archives: the first search level holding a runnable archive decides.
    Optional<Path> archive = archives(ws, d, temp);
    if (archive.isPresent()) {
      return archive.get();
    }
    // 5 JVM sources without an archive: not built.
    for (String build : List.of("pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
        "settings.gradle.kts")) {
      if (ws.isFile(build) || (o.module() != null && ws.isFile(o.module() + "/" + build))) {
        boolean gradle = build.contains("gradle");
        throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, "the " + (gradle ? "Gradle" : "Maven")
            + " project is not built", "a runnable archive in " + String.join(", ", LEVELS),
            List.of(build + " (a " + (gradle ? "Gradle" : "Maven") + " build)", "no jar or war in target/ or"
                + " build/libs/"), "build first (" + (gradle ? (ws.isFile("gradlew") ? "./gradlew build"
                    : "gradle build") : (ws.isFile("mvnw") ? "./mvnw -B package" : "mvn -B package"))
                + "), or berth.yaml `artifact: <path to the jar>`");
      }
    }
    // 6–9 Node, Python, Go, static.
    // A module narrows these to its folder, which then becomes /app.
    Workspace target = o.module() != null ? new Workspace(ws.path(o.module()), o) : ws;
    for (StackDetector detector : List.of(new NodeDetector(), new PythonDetector(), new GoDetector(),
        new StaticSiteDetector())) {
      if (detector.detect(target, d)) {
        return target.root;
      }
    }
    // 10 Nothing.
    throw unknown(ws);
  }

  private Path artifactOverride(Workspace ws, ReportDraft d, Path temp) throws DetectionFailure, IOException {
    String a = ws.options.artifact().replaceFirst("^\\./", "");
    d.overrides.add(new DetectReport.Override("artifact", a, ws.options.source(), true, null));
    if (!ws.isFile(a)) {
      d.overrides.set(d.overrides.size() - 1, new DetectReport.Override("artifact", a, ws.options.source(), false,
          "no such file"));
      throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "artifact: " + a + " does not exist",
          "the file berth.yaml `artifact:` names, relative to the input", List.of("no file at " + a),
          "fix `artifact:` to name an existing jar or war (relative to the input folder)");
    }
    String lower = a.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".ear")) {
      throw ear(a);
    }
    return archive(ws, d, a, temp, List.of("override"));
  }

  /** Classifies and detects one runnable archive (relative to {@code ws}). */
  private Path archive(Workspace ws, ReportDraft d, String rel, Path temp, List<String> level)
      throws DetectionFailure, IOException {
    ArchiveClass kind;
    try (Archive a = LegacyJarDetector.open(ws, rel)) {
      kind = ArchiveClass.of(a, rel);
    } catch (ArchiveException e) {
      throw LegacyJarDetector.corrupt(e);
    }
    switch (kind) {
      case BOOT_JAR -> {
        return SpringBootJarDetector.detect(ws, d, rel, temp, jreRuntimes());
      }
      case BOOT_WAR -> {
        if (ws.options.server() != null) {
          WarDetector.detect(ws, d, rel, temp, jreRuntimes(), this::tomcatJdk);
        } else {
          // Runnable by default (DETECTION.md §5 q5); `server:` deploys it to Tomcat instead.
          LegacyJarDetector.fromJar(ws, d, rel, null, null, jreRuntimes());
          d.stack = "jvm-boot";
          d.subtype = "boot-war";
          d.artifact = new DetectReport.Artifact(rel, "boot-war", d.artifact.sha256(), d.artifact.excluded());
          d.decide("stack", "jvm-boot", Confidence.HIGH, "boot-war", rel, "WEB-INF/lib-provided and a WarLauncher");
          d.warn("ALSO_DEPLOYABLE", rel + " is a Spring Boot war: it runs with java -jar; berth.yaml"
              + " `server: tomcat9` (or tomcat10.1) deploys it to Tomcat instead", rel, null);
        }
        return ws.root;
      }
      case WAR -> {
        WarDetector.detect(ws, d, rel, temp, jreRuntimes(), this::tomcatJdk);
        return ws.root;
      }
      case EXEC_JAR -> {
        LegacyJarDetector.fromJar(ws, d, rel, null, null, jreRuntimes());
        return ws.root;
      }
      case EAR -> throw ear(rel);
      default -> throw new DetectionFailure(Outcome.UNKNOWN_STACK, rel + " is not runnable",
          "a runnable archive: Main-Class, Spring Boot or a WAR (DETECTION.md §2.3)",
          List.of(rel + ": " + kind.description()),
          "berth.yaml `artifact: <the app's runnable jar or war>`");
    }
  }

  private Optional<Path> archives(Workspace ws, ReportDraft d, Path temp) throws DetectionFailure, IOException {
    List<String> levels = ws.options.module() == null ? LEVELS
        : List.of(ws.options.module() + "/target", ws.options.module() + "/build/libs", ws.options.module());
    if (ws.options.module() != null) {
      d.overrides.add(new DetectReport.Override("module", ws.options.module(), ws.options.source(),
          ws.isDirectory(ws.options.module()), ws.isDirectory(ws.options.module()) ? null : "no such folder"));
      if (!ws.isDirectory(ws.options.module())) {
        throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "module: " + ws.options.module()
            + " is not a folder of the input", "a module folder", List.of("no folder " + ws.options.module()),
            "fix `module:` to name a module folder (e.g. the one holding target/)");
      }
    }
    List<String> excludedAll = new ArrayList<>();
    for (String level : levels) {
      List<String> files = level.startsWith("*/")
          ? ws.files().stream().filter(f -> f.split("/").length == 4 - (level.equals("*/target") ? 1 : 0)
              && f.substring(f.indexOf('/') + 1).startsWith(level.substring(2) + "/")).toList()
          : ws.filesIn(level.equals(".") ? "" : level);
      List<String> runnable = new ArrayList<>();
      List<String> described = new ArrayList<>();
      List<DetectReport.Candidate> candidates = new ArrayList<>();
      List<String> excluded = new ArrayList<>();
      for (String f : files) {
        String lower = f.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear")
            || lower.endsWith(".jar.original"))) {
          continue;
        }
        String file = f.substring(f.lastIndexOf('/') + 1);
        if (file.startsWith("original-") || EXCLUDED_SUFFIXES.stream().anyMatch(lower::endsWith)) {
          excluded.add(f);
          continue;
        }
        ArchiveClass kind;
        try (Archive a = LegacyJarDetector.open(ws, f)) {
          kind = ArchiveClass.of(a, f);
          if (kind == ArchiveClass.EAR) {
            throw ear(f);
          }
          if (kind.runnable()) {
            runnable.add(f);
            String main = a.manifest().get("Main-Class");
            described.add(f + " (" + kind.description() + (main != null ? ", Main-Class " + main : "") + ")");
            candidates.add(new DetectReport.Candidate(f, kind.id(), List.of(kind.description())));
          }
        } catch (ArchiveException e) {
          throw LegacyJarDetector.corrupt(e);
        }
      }
      excludedAll.addAll(excluded);
      if (runnable.size() > 1) {
        List<String> found = new ArrayList<>(described);
        if (!excluded.isEmpty()) {
          found.add("excluded by name: " + String.join(", ", excluded));
        }
        String first = runnable.get(0);
        String module = LegacyJarDetector.moduleDirOf(first);
        String fix = level.startsWith("*/") && module != null
            ? "berth.yaml `module: " + module + "`   (pipeline step: module: '" + module + "')"
            : "berth.yaml `artifact: " + first + "`   (pipeline step: artifact: '" + first + "')";
        throw new DetectionFailure(Outcome.AMBIGUOUS, runnable.size() + " runnable archives in "
            + (level.equals(".") ? "the input folder" : level + "/"), "runnable archives in "
            + String.join(", ", levels.stream().map(l -> l.equals(".") ? "." : l + "/").toList()), found, fix)
            .with(candidates, List.of());
      }
      if (runnable.size() == 1) {
        String rel = runnable.get(0);
        d.artifact = new DetectReport.Artifact(rel, null, null, excludedAll);
        d.decide("artifact", rel, excludedAll.isEmpty() ? Confidence.HIGH : Confidence.HIGH, "search-level",
            level, "the only runnable archive in " + level + (excludedAll.isEmpty() ? ""
                : "; excluded by name: " + String.join(", ", excludedAll)));
        return Optional.of(archive(ws, d, rel, temp, List.of(level)));
      }
    }
    return Optional.empty();
  }

  /** Shell scripts in bin/ or the root that run java, when jars sit in lib/, the root, or beside the script. */
  private List<StartCommand> launchers(Workspace ws) throws IOException {
    List<StartCommand> out = new ArrayList<>();
    List<String> candidates = new ArrayList<>(ws.filesIn("bin"));
    candidates.addAll(ws.filesIn(""));
    for (String f : candidates) {
      Path p = ws.path(f);
      if (!StartScriptParser.isShellScript(p)) {
        continue;
      }
      StartCommand cmd = StartScriptParser.parse(ws.root, p);
      if (cmd.runsJava()) {
        out.add(cmd);
      }
    }
    return out;
  }

  private DetectionFailure unknown(Workspace ws) throws IOException {
    List<DetectReport.NearMiss> near = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (String f : ws.files()) {
      String lower = f.toLowerCase(Locale.ROOT);
      if ((lower.endsWith(".bat") || lower.endsWith(".cmd")) && (f.startsWith("bin/") || !f.contains("/"))) {
        near.add(new DetectReport.NearMiss("launcher", f, "only Windows scripts: Berth reads shell start scripts"
            + " (*.sh or a #! line)"));
        found.add(f + " (Windows script)");
      }
    }
    long jars = ws.files().stream().filter(f -> f.endsWith(".jar")).count();
    if (jars > 0) {
      near.add(new DetectReport.NearMiss("archive", "lib/", jars + " jar(s), none runnable (no Main-Class,"
          + " Spring Boot or WAR layout) and no shell script runs java"));
      found.add(jars + " library jar(s) without Main-Class");
    }
    if (found.isEmpty()) {
      found.add(ws.files().size() + " file(s), none a known manifest");
    }
    String fix = jars > 0 ? "add a shell start script (bin/start.sh running java -cp … <main class>), or"
        + " berth.yaml `artifact: <the app jar>`" : "berth.yaml `stack: <stack>` with `artifact:`; or add the build"
        + " file the stack needs";
    return new DetectionFailure(Outcome.UNKNOWN_STACK, "no stack recognised in " + ws.root.getFileName(),
        "start scripts, runnable archives (" + String.join(", ", LEVELS) + "), pom.xml/build.gradle,"
            + " package.json, requirements.txt/pyproject.toml, go.mod, index.html", found, fix)
        .with(List.of(), near);
  }

  private static DetectionFailure ear(String name) {
    return new DetectionFailure(Outcome.UNSUPPORTED, name + " is an enterprise archive (EAR)",
        "a jar, a war or a dist", List.of(name + " (META-INF/application.xml)"),
        "deploy the WAR inside it: berth.yaml `artifact: <the module's .war>`; EARs need a Jakarta EE server");
  }

  private static void overrides(DetectOptions o, ReportDraft d) throws DetectionFailure {
    if (o.stack() != null && !DetectReport.STACKS.contains(o.stack())) {
      d.overrides.add(new DetectReport.Override("stack", o.stack(), o.source(), false, "unknown stack"));
      throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "stack: " + o.stack() + " is not a stack Berth knows",
          "one of " + DetectReport.STACKS, List.of("stack: " + o.stack()), "berth.yaml `stack: <one of "
              + String.join(", ", DetectReport.STACKS) + ">`");
    }
    if (o.jdk() != null && (o.jdk() < 7 || o.jdk() > 99)) {
      d.overrides.add(new DetectReport.Override("jdk", o.jdk().toString(), o.source(), false, "not a release"));
      throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "jdk: " + o.jdk() + " is not a Java feature release",
          "a feature release such as 17", List.of("jdk: " + o.jdk()), "berth.yaml `jdk: 17`");
    }
    if (o.jdk() != null) {
      d.overrides.add(new DetectReport.Override("jdk", o.jdk().toString(), o.source(), true, null));
    }
  }

  /** Fills the labels and checks a {@code stack:} override against what was detected. */
  private void finish(ReportDraft d, DetectOptions o) throws DetectionFailure {
    if (o.stack() != null) {
      boolean agrees = o.stack().equals(d.stack);
      d.overrides.add(new DetectReport.Override("stack", o.stack(), o.source(), agrees,
          agrees ? null : "the evidence says " + d.stack));
      if (!agrees) {
        throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "stack: " + o.stack() + " contradicts the evidence ("
            + d.stack + ")", "evidence for stack " + o.stack(), List.of(d.decisions.get("stack").evidence().stream()
                .map(e -> e.rule() + " " + e.path() + ": " + e.detail()).findFirst().orElse(d.stack)),
            "berth.yaml `stack: " + d.stack + "`, or `artifact:` naming the " + o.stack() + " artifact");
      }
    }
    List<String> writable = d.writableDirs;
    d.labels.putAll(AppFactsReader.labels(AppFactsReader.facts(d.stack, d.jdk, d.classes, d.threads, d.agents,
        d.flags, d.port, d.health, writable), d.title != null || d.artifact == null ? null : d.artifact.path(),
        d.title != null ? d.title : d.stack));
  }

  private static DetectReport.Problem lowConfidence(ReportDraft d) {
    List<String> found = new ArrayList<>();
    d.decisions.forEach((k, v) -> {
      if (v.confidence() == Confidence.LOW) {
        found.add(k + " = " + v.value() + " (LOW): " + v.evidence().stream()
            .map(e -> e.rule() + (e.path() == null ? "" : " " + e.path()) + (e.detail() == null ? "" : ": "
                + e.detail())).reduce((a, b) -> a + "; " + b).orElse(""));
      }
    });
    String fix = d.decisions.containsKey("start") && d.decisions.get("start").confidence() == Confidence.LOW
        ? "make the script's lines resolvable, or confirm with berth.yaml `failOnLowConfidence: false`"
        : "berth.yaml `failOnLowConfidence: false` to accept it, or the override for the LOW decision";
    return new DetectReport.Problem("detection is not confident (" + String.join(", ", d.decisions.entrySet()
        .stream().filter(e -> e.getValue().confidence() == Confidence.LOW).map(Map.Entry::getKey).toList())
        + " LOW)", "HIGH or MEDIUM evidence for every decision", found, fix);
  }

  List<Integer> jreRuntimes() {
    return jreRuntimes;
  }

  private Optional<Integer> tomcatJdk(String line) {
    return tomcatJdk.apply(line);
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
