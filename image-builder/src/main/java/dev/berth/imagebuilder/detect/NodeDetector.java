package dev.berth.imagebuilder.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node apps: {@code package.json} with a {@code start} script or {@code main} ({@code node}); with only a
 * {@code build} script it is a static site built in a Node stage.
 */
final class NodeDetector implements StackDetector {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PORT = Pattern.compile("PORT\\s*(?:\\|\\||\\?\\?)\\s*['\"]?(\\d{2,5})"
      + "|\\.listen\\(\\s*(\\d{2,5})");
  private static final Pattern NODE_START = Pattern.compile("^node\\s+([\\w./\\-]+\\.(?:c|m)?js)\\s*$");

  @Override
  public String stack() {
    return "node";
  }

  @Override
  public boolean detect(Workspace ws, ReportDraft d) throws DetectionFailure, IOException {
    if (!ws.isFile("package.json")) {
      return false;
    }
    JsonNode pkg;
    try {
      pkg = JSON.readTree(ws.text("package.json"));
    } catch (IOException e) {
      throw new DetectionFailure(Outcome.INCOMPLETE_INPUT, "package.json is not valid JSON",
          "a readable package.json", List.of(e.getMessage().lines().findFirst().orElse("")),
          "fix package.json (npm install would fail on it too)");
    }
    String start = pkg.path("scripts").path("start").asText(null);
    String main = pkg.path("main").asText(null);
    String build = pkg.path("scripts").path("build").asText(null);
    workspaces(ws, pkg);
    String version = pkg.path("engines").path("node").asText(null);
    String versionFrom = "package.json engines.node";
    for (String f : List.of(".nvmrc", ".node-version")) {
      if (version == null && ws.isFile(f)) {
        version = ws.text(f).trim();
        versionFrom = f;
      }
    }
    List<String> deps = new ArrayList<>(List.of("package.json"));
    for (String lock : List.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml")) {
      if (ws.isFile(lock)) {
        deps.add(lock);
      }
    }
    d.title = pkg.path("name").asText(null);
    if (start == null && main == null && build != null) {
      d.stack = "static";
      d.subtype = "node-build";
      String out = ws.text("package.json").contains("vite") ? "dist" : "build";
      d.artifact = new DetectReport.Artifact(out, "node-build", null, List.of());
      d.decide("stack", "static", Confidence.MEDIUM, "node-build-only", "package.json",
          "scripts.build (" + build + ") and no start or main");
      d.start = new DetectReport.Start(List.of(), "/www", null, List.of());
      List<String> sources = sourcesExcept(ws, List.of());
      d.layer("source", sources, "/app/");
      return true;
    }
    if (start == null && main == null) {
      return false;
    }
    String script = null;
    List<String> entry;
    Matcher m = start == null ? null : NODE_START.matcher(start.trim());
    if (m != null && m.matches()) {
      script = m.group(1);
      entry = List.of("node", script);
    } else if (start != null) {
      entry = List.of("npm", "start");
    } else {
      script = main;
      entry = List.of("node", main);
    }
    d.stack = "node";
    d.subtype = deps.contains("pnpm-lock.yaml") ? "pnpm" : deps.contains("yarn.lock") ? "yarn" : "npm";
    d.artifact = new DetectReport.Artifact("package.json", "package.json", null, List.of());
    d.decide("stack", "node", Confidence.MEDIUM, "package.json", "package.json",
        start != null ? "scripts.start: " + start : "main: " + main);
    if (version != null) {
      d.evidence("stack", "node-version", versionFrom, version);
      Matcher major = Pattern.compile("(\\d+)").matcher(version);
      if (major.find()) {
        d.decide("runtime", "node " + major.group(1), Confidence.MEDIUM, "node-version", versionFrom, version);
      }
    }
    d.start = new DetectReport.Start(entry, "/app", null, List.of());
    d.decide("start", String.join(" ", entry), Confidence.MEDIUM, "package.json", "package.json",
        start != null ? "scripts.start" : "main");
    if (deps.size() == 1) {
      d.warn("NO_LOCKFILE", "no package-lock.json: npm resolves versions at build time; commit a lockfile",
          "package.json", null);
    }
    if (script != null && ws.isFile(script)) {
      Matcher p = PORT.matcher(ws.text(script));
      if (p.find()) {
        String port = p.group(1) != null ? p.group(1) : p.group(2);
        d.port = Integer.valueOf(port);
        d.decide("port", port, Confidence.MEDIUM, "listen-default", script, p.group());
        d.health = "tcp:" + port;
      }
    }
    if (d.port == null) {
      d.warn("NO_PORT", "no port found in the start file; set berth.yaml `port:`", "package.json", null);
    }
    d.layer("dependencies", deps, "/app/");
    d.layer("application", sourcesExcept(ws, deps), "/app/");
    return true;
  }

  /** More than one startable workspace package (npm/yarn {@code workspaces}, {@code pnpm-workspace.yaml}): exit 4. */
  private static void workspaces(Workspace ws, JsonNode pkg) throws DetectionFailure, IOException {
    List<String> patterns = new ArrayList<>();
    pkg.path("workspaces").forEach(n -> patterns.add(n.asText()));
    pkg.path("workspaces").path("packages").forEach(n -> patterns.add(n.asText()));
    if (ws.isFile("pnpm-workspace.yaml")) {
      Matcher m = Pattern.compile("(?m)^\\s*-\\s*['\"]?([^'\"\\s]+)").matcher(ws.text("pnpm-workspace.yaml"));
      while (m.find()) {
        patterns.add(m.group(1));
      }
    }
    List<String> startable = new ArrayList<>();
    for (String f : ws.files()) {
      if (!f.endsWith("/package.json")) {
        continue;
      }
      String dir = f.substring(0, f.length() - "/package.json".length());
      boolean member = patterns.stream().anyMatch(p -> p.endsWith("/*")
          ? dir.startsWith(p.substring(0, p.length() - 1)) && dir.indexOf('/', p.length() - 1) < 0 : dir.equals(p));
      if (member) {
        JsonNode child = JSON.readTree(ws.text(f));
        if (child.path("scripts").has("start") || child.has("main")) {
          startable.add(dir);
        }
      }
    }
    if (startable.size() > 1) {
      throw new DetectionFailure(Outcome.AMBIGUOUS, startable.size() + " startable Node workspace packages",
          "workspace packages with a start script or main", startable.stream().map(s -> s + "/package.json")
              .toList(), "berth.yaml `module: " + startable.get(0) + "`   (pipeline step: module: '"
              + startable.get(0) + "')")
          .with(startable.stream().map(s -> new DetectReport.Candidate(s, "node-workspace", List.of("start")))
              .toList(), List.of());
    }
  }

  /** Top-level files and folders of the app, minus {@code except} and what never goes into an image. */
  static List<String> sourcesExcept(Workspace ws, List<String> except) throws IOException {
    List<String> out = new ArrayList<>();
    try (var s = java.nio.file.Files.list(ws.root)) {
      for (java.nio.file.Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (except.contains(n) || n.startsWith(".") || n.equals("node_modules") || n.equals("__pycache__")
            || n.equals("Dockerfile") || n.equals("berth.yaml")) {
          continue;
        }
        out.add(n);
      }
    }
    return out;
  }
}
