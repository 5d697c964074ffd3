package dev.berth.imagebuilder.report;

import dev.berth.imagebuilder.api.DetectReport;
import java.util.List;
import java.util.stream.Collectors;

/** The human text of a detect report: a summary on success, the §2.9 error block otherwise. */
public final class DetectReportText {

  private static final String INDENT = "               ";

  private DetectReportText() {}

  /** The §2.9 error block; {@code reportPath} is where the JSON report was written (or null). */
  public static String error(DetectReport r, String reportPath) {
    DetectReport.Problem p = r.error();
    StringBuilder s = new StringBuilder();
    s.append("ERROR [").append(r.outcome()).append("] ").append(p == null ? "detection failed" : p.headline())
        .append(" (exit ").append(r.exitCode()).append(")\n");
    if (p != null) {
      s.append("  Looked for:  ").append(p.lookedFor()).append('\n');
      List<String> found = p.found();
      s.append("  Found:       ").append(found.isEmpty() ? "nothing" : found.get(0)).append('\n');
      for (int i = 1; i < found.size(); i++) {
        s.append(INDENT).append(found.get(i)).append('\n');
      }
    }
    s.append("  Near misses: ").append(r.nearMisses().isEmpty() ? "none" : r.nearMisses().stream()
        .map(n -> n.path() + ": " + n.why()).collect(Collectors.joining("\n" + INDENT))).append('\n');
    if (p != null) {
      s.append("  Fix:         ").append(p.fix()).append('\n');
    }
    if (reportPath != null) {
      s.append("  Report:      ").append(reportPath).append('\n');
    }
    return s.toString();
  }

  /** A short summary of a successful detection. */
  public static String summary(DetectReport r) {
    StringBuilder s = new StringBuilder();
    s.append("Detected ").append(r.stack()).append(r.subtype() == null ? "" : " (" + r.subtype() + ")")
        .append(", confidence ").append(r.confidence()).append('\n');
    if (r.artifact() != null) {
      s.append("  artifact:   ").append(r.artifact().path()).append(r.artifact().kind() == null ? ""
          : " [" + r.artifact().kind() + "]").append('\n');
    }
    if (r.jdk() != null) {
      s.append("  jdk:        floor ").append(r.jdk().floor()).append(" (app ").append(r.jdk().appFloor())
          .append(", libraries ").append(r.jdk().libraryFloor()).append("), runtime ").append(r.jdk().runtime())
          .append(" by ").append(r.jdk().policy()).append('\n');
    }
    if (r.server() != null) {
      s.append("  server:     ").append(r.server().kind()).append(' ').append(r.server().line()).append(" (")
          .append(r.server().namespace()).append("), context ").append(r.server().contextPath()).append('\n');
    }
    if (r.start() != null && !r.start().entrypoint().isEmpty()) {
      s.append("  start:      ").append(String.join(" ", r.start().entrypoint())).append('\n');
    }
    s.append("  port:       ").append(r.port() == null ? "none" : r.port()).append(r.health() == null ? ""
        : ", health " + r.health()).append('\n');
    for (DetectReport.Layer l : r.layers()) {
      s.append("  layer:      ").append(l.name()).append(" ").append(l.sources()).append(" -> ").append(l.target())
          .append('\n');
    }
    for (DetectReport.Warning w : r.warnings()) {
      s.append("  WARNING [").append(w.code()).append("] ").append(w.message()).append('\n');
    }
    return s.toString();
  }
}
