package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go modules: {@code go.mod} (its {@code go} directive is the floor), exactly one {@code package main}. */
final class GoDetector implements StackDetector {

  private static final Pattern MODULE = Pattern.compile("(?m)^module\\s+(\\S+)");
  private static final Pattern GO = Pattern.compile("(?m)^go\\s+(\\S+)");
  private static final Pattern MAIN = Pattern.compile("(?m)^package\\s+main\\s*$");
  private static final Pattern PORT = Pattern.compile("\"(?::|0\\.0\\.0\\.0:)?(\\d{2,5})\"");

  @Override
  public String stack() {
    return "go";
  }

  @Override
  public boolean detect(Workspace ws, ReportDraft d) throws DetectionFailure, IOException {
    if (!ws.isFile("go.mod")) {
      return false;
    }
    String mod = ws.text("go.mod");
    Matcher m = MODULE.matcher(mod);
    String module = m.find() ? m.group(1) : "app";
    Matcher g = GO.matcher(mod);
    String goVersion = g.find() ? g.group(1) : null;
    TreeSet<String> mains = new TreeSet<>();
    List<String> sources = new ArrayList<>();
    for (String f : ws.files()) {
      if (f.endsWith(".go") && !f.endsWith("_test.go") && !f.startsWith("vendor/")) {
        String dir = f.contains("/") ? f.substring(0, f.lastIndexOf('/')) : ".";
        if (MAIN.matcher(ws.text(f)).find()) {
          mains.add(dir);
        }
      }
    }
    if (mains.isEmpty()) {
      return false;
    }
    if (mains.size() > 1) {
      List<DetectReport.Candidate> c = mains.stream()
          .map(x -> new DetectReport.Candidate(x.equals(".") ? "." : "./" + x, "go-main", List.of("package main")))
          .toList();
      throw new DetectionFailure(Outcome.AMBIGUOUS, mains.size() + " Go main packages", "package main in the"
          + " module " + module, mains.stream().map(x -> "./" + x).toList(), "berth.yaml `artifact: ./"
          + mains.first() + "`   (pipeline step: artifact: './" + mains.first() + "')").with(c, List.of());
    }
    String main = mains.first();
    String binary = main.equals(".") ? module.substring(module.lastIndexOf('/') + 1)
        : main.substring(main.lastIndexOf('/') + 1);
    d.stack = "go";
    d.title = binary;
    d.subtype = "module";
    d.artifact = new DetectReport.Artifact(main.equals(".") ? "." : "./" + main, "go-main", null, List.of());
    d.decide("stack", "go", Confidence.MEDIUM, "go.mod", "go.mod", "module " + module
        + (goVersion == null ? "" : ", go " + goVersion));
    List<String> entry = List.of("/app/" + binary);
    d.start = new DetectReport.Start(entry, "/app", null, List.of());
    d.decide("start", entry.get(0), Confidence.MEDIUM, "go-main", main, "package main");
    for (String f : ws.files()) {
      if (f.startsWith(main.equals(".") ? "" : main + "/") && f.endsWith(".go")) {
        Matcher p = PORT.matcher(ws.text(f));
        if (p.find() && d.port == null) {
          d.port = Integer.valueOf(p.group(1));
          d.decide("port", p.group(1), Confidence.MEDIUM, "listen-literal", f, p.group());
          d.health = "tcp:" + p.group(1);
        }
      }
    }
    for (String top : NodeDetector.sourcesExcept(ws, List.of())) {
      sources.add(top);
    }
    d.layer("source", sources, "/app/");
    return true;
  }
}
