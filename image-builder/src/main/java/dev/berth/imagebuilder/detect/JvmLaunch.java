package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import dev.berth.imagebuilder.inspect.FlagTranslator;
import dev.berth.imagebuilder.inspect.StartCommand;
import dev.berth.imagebuilder.inspect.StartScriptParser;
import dev.berth.imagebuilder.inspect.TranslatedFlags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts every JVM start shares: §2.5 flag translation, {@code -D} paths made absolute, javaagents, the port
 * from {@code -Dserver.port}/{@code -Dhttp.port}/{@code -Djetty.port}, writable folders, and the start decision.
 */
final class JvmLaunch {

  static final String APP = StartScriptParser.APP;
  private static final Pattern PORT = Pattern.compile("^-D(?:server|http|jetty)\\.port=(\\d{1,5})$");
  private static final Pattern DIR_PROPERTY = Pattern.compile("^-D[\\w.\\-]*(?:dir|path|home)=(.+)$",
      Pattern.CASE_INSENSITIVE);
  private static final List<String> KNOWN_AGENTS = List.of("newrelic", "dd-java-agent", "elastic-apm",
      "opentelemetry", "jmx_prometheus", "aspectjweaver", "glowroot");

  private JvmLaunch() {}

  /** {@code /app/x/y} → {@code x/y}; {@code /app} → {@code .}; null outside the input. */
  static String rel(String absolute) {
    if (absolute.equals(APP)) {
      return ".";
    }
    return absolute.startsWith(APP + "/") ? absolute.substring(APP.length() + 1) : null;
  }

  /** The image folder a relative file's parent maps to, with a trailing slash. */
  static String targetDirOf(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? APP + "/" : APP + "/" + rel.substring(0, slash) + "/";
  }

  /** Options with relative {@code -D} path values made absolute against the script's folder. */
  static List<String> absolutize(List<String> options, StartCommand cmd) {
    List<String> out = new ArrayList<>();
    for (String o : options) {
      int eq = o.indexOf('=');
      if (o.startsWith("-D") && eq > 0 && cmd != null) {
        String v = o.substring(eq + 1);
        if (v.equals(".") || v.equals("..") || v.startsWith("./") || v.startsWith("../")) {
          o = o.substring(0, eq + 1) + cmd.resolve(v);
        }
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Translates the options for the runtime, records flags, port and writable folders; returns the command-line
   * flags for the entrypoint.
   */
  static List<String> flags(Workspace ws, ReportDraft d, List<String> options, String where)
      throws DetectionFailure {
    TranslatedFlags t = FlagTranslator.translate(options, d.jdk.runtime(), where);
    if (t.needsMigration() != null) {
      throw new DetectionFailure(Outcome.UNSUPPORTED, t.needsMigration() + " needs Java 8, which the catalog lacks",
          "JVM flags every runtime in the catalog accepts (DETECTION.md §2.5)",
          List.of(where + ": " + t.needsMigration() + " (FLAG_NEEDS_MIGRATION)"),
          "move the app off endorsed/extension dirs, or add a Java 8 base and berth.yaml `jdk: 8`");
    }
    d.flags = t.flags();
    d.warnings.addAll(t.warnings());
    for (String o : t.commandLine()) {
      Matcher p = PORT.matcher(o);
      if (p.matches() && d.port == null) {
        d.port = Integer.valueOf(p.group(1));
        d.decide("port", p.group(1), Confidence.HIGH, "script-property", where, o);
        d.health = "tcp:" + p.group(1);
      }
      Matcher w = DIR_PROPERTY.matcher(o);
      if (w.matches() && w.group(1).startsWith(APP + "/")) {
        String rel = rel(w.group(1));
        if (rel != null && !ws.isFile(rel)) {
          d.writable(w.group(1));
        }
      }
    }
    return t.commandLine();
  }

  /** Conventional writable folders present in the input: {@code logs/}, {@code tmp/}. */
  static void conventionalWritable(Workspace ws, ReportDraft d) {
    for (String dir : List.of("logs", "tmp", "temp")) {
      if (ws.isDirectory(dir)) {
        d.writable(APP + "/" + dir);
      }
    }
  }

  /** Records a javaagent given as {@code path[=options]} (absolute under /app). */
  static void agent(Workspace ws, ReportDraft d, String absolutePathAndOptions, String where)
      throws DetectionFailure {
    int eq = absolutePathAndOptions.indexOf('=');
    String path = eq < 0 ? absolutePathAndOptions : absolutePathAndOptions.substring(0, eq);
    String options = eq < 0 ? null : absolutePathAndOptions.substring(eq + 1);
    String rel = rel(path);
    if (rel == null || !ws.isFile(rel)) {
      throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, "javaagent " + path + " is missing",
          "the javaagent jar the start script names, inside the input", List.of(where + ": -javaagent:" + path),
          "add " + (rel == null ? path : rel) + " to the input, or remove -javaagent from the start script");
    }
    String premain = null;
    try (Archive a = Archive.open(ws.path(rel), rel)) {
      premain = a.manifest().get("Premain-Class");
      d.classes = (d.classes == null ? 0 : d.classes) + ClassFileScan.of(a, e -> true).classes();
    } catch (ArchiveException e) {
      throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, e.getMessage(), "a readable javaagent jar",
          List.of(rel), "replace " + rel + " with an intact copy");
    }
    String file = rel.substring(rel.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    String known = KNOWN_AGENTS.stream().filter(file::contains).findFirst().orElse(null);
    d.agents.add(new DetectReport.Agent(path, premain, known, options));
    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : null;
    if (dir != null && !dir.equals("lib")) {
      d.writable(APP + "/" + dir); // agents write logs and caches beside themselves
    }
  }

  /** The agents layer: each agent's folder (with its config) unless it is shared with libraries or the root. */
  static void agentLayer(ReportDraft d) {
    List<String> sources = new ArrayList<>();
    for (DetectReport.Agent a : d.agents) {
      String rel = rel(a.path());
      String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : null;
      if (dir != null && !dir.equals("lib") && !dir.contains("/")) {
        if (!sources.contains(dir)) {
          d.layer("agents", List.of(dir), APP + "/" + dir + "/");
          sources.add(dir);
        }
      } else {
        d.layer("agents", List.of(rel), targetDirOf(rel));
      }
    }
  }

  /** A LOGS_NOT_ON_STDOUT warning for each log4j/logback file with a file appender in these folders. */
  static void logConfig(Workspace ws, ReportDraft d, List<String> dirs) throws IOException {
    for (String dir : dirs) {
      for (String f : ws.filesIn(dir.equals(".") ? "" : dir)) {
        String name = f.substring(f.lastIndexOf('/') + 1);
        if (name.matches("(log4j2?|logback)[\\w\\-]*\\.(properties|xml|yml|yaml)")) {
          String text = ws.text(f);
          if (text.contains("FileAppender") || text.contains("RollingFile") || text.contains("<file>")) {
            d.warn("LOGS_NOT_ON_STDOUT", f + " writes logs to a file; the runtime collects stdout only — add a"
                + " console appender", f, null);
          }
        }
      }
    }
  }

  /** Records the start decision from a script (or directly from an artifact when {@code cmd} is null). */
  static void start(ReportDraft d, List<String> entrypoint, StartCommand cmd, String where) {
    if (cmd == null) {
      d.start = new DetectReport.Start(entrypoint, APP, null, List.of());
      d.decide("start", String.join(" ", entrypoint), Confidence.HIGH, "artifact-manifest", where,
          "exec form from the manifest");
      return;
    }
    d.start = new DetectReport.Start(entrypoint, APP, new DetectReport.Script(cmd.script(), cmd.lines()),
        cmd.removed());
    Confidence c = cmd.unresolved().isEmpty() ? Confidence.HIGH : Confidence.LOW;
    d.decide("start", String.join(" ", entrypoint), c, "start-script", cmd.script(),
        "java command on line " + cmd.javaLine());
    for (String u : cmd.unresolved()) {
      int line = Integer.parseInt(u.substring(0, u.indexOf(':')));
      d.warn("SCRIPT_UNRESOLVED", "line " + u + " cannot be resolved without running it; the start command may"
          + " differ", cmd.script(), line);
      d.evidence("start", "unresolved-line", cmd.script(), u);
    }
    for (String v : cmd.unsetVariables()) {
      d.warn("UNSET_VARIABLE", "$" + v + " is never set in the script and was left out; set its value with"
          + " JAVA_TOOL_OPTIONS or in berth.yaml", cmd.script(), cmd.javaLine());
    }
  }

  /** Adds a hint map entry when the manifest names a build JDK. */
  static void manifestHints(Map<String, String> manifest, Map<String, String> hints, String where) {
    for (String k : List.of("Build-Jdk-Spec", "Build-Jdk")) {
      if (manifest.get(k) != null) {
        hints.put(where + " MANIFEST.MF " + k, manifest.get(k));
      }
    }
  }
}
