package dev.berth.jenkins.workspace;

import dev.berth.imagebuilder.api.DetectReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A detect report as the map {@code berthDetect} returns, and its decision and evidence as log lines. Map values are String, Long, Boolean and {@code ArrayList<String>} only: sandboxed scripts
 * read them without approval and Jenkins' class filter admits them.
 */
public final class DetectResult {

  private DetectResult() {}

  /**
   * Keys: outcome, stack, subtype, confidence, artifact, jdkFloor, evidence, warnings, reportFile.
   *
   * @param reportFile where the report was written, as the pipeline should name it
   */
  public static LinkedHashMap<String, Object> of(DetectReport report, String reportFile) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("outcome", report.outcome() == null ? "" : report.outcome().name());
    m.put("stack", text(report.stack()));
    m.put("subtype", text(report.subtype()));
    m.put("confidence", report.confidence() == null ? "" : report.confidence().name());
    m.put("artifact", report.artifact() == null ? "" : text(report.artifact().path()));
    Integer floor = report.jdk() == null ? null : report.jdk().floor();
    m.put("jdkFloor", floor == null ? null : Long.valueOf(floor));
    m.put("evidence", evidence(report));
    ArrayList<String> warnings = new ArrayList<>();
    for (DetectReport.Warning w : report.warnings()) {
      warnings.add(w.code() + ": " + w.message() + (w.path() == null ? "" : " (" + w.path() + ")"));
    }
    m.put("warnings", warnings);
    m.put("reportFile", reportFile);
    return m;
  }

  /** The stack decision's evidence, one "rule: path: detail" line each. */
  static ArrayList<String> evidence(DetectReport report) {
    ArrayList<String> out = new ArrayList<>();
    DetectReport.Decision stack = report.decisions().get("stack");
    if (stack != null) {
      for (DetectReport.Evidence e : stack.evidence()) {
        out.add(e.rule() + (e.path() == null ? "" : ": " + e.path()) + (e.detail() == null ? "" : ": " + e.detail()));
      }
    }
    return out;
  }

  /** Prints what was decided and why, then the warnings. */
  public static void log(DetectReport report, PrintStream log) {
    log.println("[Berth] " + report.stack() + (report.subtype() == null ? "" : " (" + report.subtype() + ")")
        + ", confidence " + report.confidence()
        + (report.artifact() == null ? "" : ", artifact " + report.artifact().path())
        + (report.jdk() == null || report.jdk().floor() == null ? "" : ", JDK floor " + report.jdk().floor()));
    for (String e : evidence(report)) {
      log.println("[Berth]   evidence " + e);
    }
    for (DetectReport.Warning w : report.warnings()) {
      log.println("[Berth]   warning " + w.code() + ": " + w.message());
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
