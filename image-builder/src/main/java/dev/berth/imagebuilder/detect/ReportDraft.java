package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report while detectors fill it in; {@link #build} turns it into the immutable {@link DetectReport}. */
final class ReportDraft {

  String stack;
  String subtype;
  DetectReport.Artifact artifact;
  final Map<String, DetectReport.Decision> decisions = new LinkedHashMap<>();
  DetectReport.Jdk jdk;
  DetectReport.Start start;
  DetectReport.Server server;
  Integer port;
  String health;
  final List<DetectReport.Agent> agents = new ArrayList<>();
  DetectReport.Flags flags;
  final List<String> writableDirs = new ArrayList<>();
  final List<DetectReport.Layer> layers = new ArrayList<>();
  final Map<String, String> labels = new LinkedHashMap<>();
  final List<DetectReport.Candidate> candidates = new ArrayList<>();
  final List<DetectReport.NearMiss> nearMisses = new ArrayList<>();
  final List<DetectReport.Warning> warnings = new ArrayList<>();
  final List<DetectReport.Override> overrides = new ArrayList<>();
  Integer classes;
  Integer threads;
  /** The image title when the artifact's file name is not it (a package name, a Go binary). */
  String title;

  /** Records a decision with one piece of evidence (more can be added with {@link #evidence}). */
  void decide(String key, String value, Confidence confidence, String rule, String path, String detail) {
    decisions.put(key, new DetectReport.Decision(value, confidence,
        List.of(new DetectReport.Evidence(rule, path, detail))));
  }

  void evidence(String key, String rule, String path, String detail) {
    DetectReport.Decision d = decisions.get(key);
    List<DetectReport.Evidence> e = new ArrayList<>(d.evidence());
    e.add(new DetectReport.Evidence(rule, path, detail));
    decisions.put(key, new DetectReport.Decision(d.value(), d.confidence(), e));
  }

  void lower(String key, Confidence to) {
    DetectReport.Decision d = decisions.get(key);
    if (d != null && to.compareTo(d.confidence()) < 0) {
      decisions.put(key, new DetectReport.Decision(d.value(), to, d.evidence()));
    }
  }

  void warn(String code, String message, String path, Integer line) {
    warnings.add(new DetectReport.Warning(code, message, path, line));
  }

  void writable(String dir) {
    if (!writableDirs.contains(dir)) {
      writableDirs.add(dir);
    }
  }

  void layer(String name, List<String> sources, String target) {
    if (!sources.isEmpty()) {
      layers.add(new DetectReport.Layer(name, sources, target));
    }
  }

  /** The lowest confidence among the decisions (port and health excluded: they only warn, §2.7). */
  Confidence overall() {
    Confidence c = Confidence.HIGH;
    for (Map.Entry<String, DetectReport.Decision> e : decisions.entrySet()) {
      if (!e.getKey().equals("port") && !e.getKey().equals("health")
          && e.getValue().confidence().compareTo(c) < 0) {
        c = e.getValue().confidence();
      }
    }
    return c;
  }

  DetectReport build(String version, DetectReport.Outcome outcome, DetectReport.Problem error) {
    return new DetectReport(DetectReport.SCHEMA, version, outcome, outcome.exitCode(),
        decisions.isEmpty() ? null : overall(), stack, subtype, artifact, decisions, jdk, start, server, port,
        health, agents, flags, writableDirs, layers, labels, candidates, nearMisses, warnings, overrides, error);
  }
}
