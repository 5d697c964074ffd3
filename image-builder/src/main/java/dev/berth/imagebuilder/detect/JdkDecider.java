package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK decision of DETECTION.md §2.4: floor = max(app classes, libraries) from bytecode, hints from manifests
 * and build files as cross-checks, runtime by the {@code floor-lts} policy over the catalog's JRE bases.
 */
final class JdkDecider {

  private static final Pattern VERSION = Pattern.compile("^\\s*(?:1\\.)?(\\d+)");

  private JdkDecider() {}

  /** A Java version string as a feature release: {@code 1.8} → 8, {@code 1.7.0_80} → 7, {@code 17.0.2} → 17. */
  static Integer feature(String version) {
    if (version == null) {
      return null;
    }
    Matcher m = VERSION.matcher(version.replace("\"", "").replace("'", ""));
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /**
   * Decides and records the JDK ({@code draft.jdk}, decision {@code jdk}, warnings).
   *
   * @param hints hint source (e.g. {@code MANIFEST.MF Build-Jdk}) → value as written
   * @param minimum the lowest runtime something else needs (a Tomcat line), or 0
   * @param runtimes the catalog's JRE runtimes, ascending
   */
  static DetectReport.Jdk decide(
      ReportDraft draft,
      String where,
      ClassFileScan app,
      ClassFileScan libs,
      Map<String, String> hints,
      String buildJdk,
      int minimum,
      Integer pinned,
      List<Integer> runtimes)
      throws DetectionFailure {
    Integer appFloor = app.feature();
    Integer libFloor = libs.feature();
    Integer floor;
    Confidence confidence;
    String rule;
    if (appFloor != null || libFloor != null) {
      floor = Math.max(appFloor == null ? 0 : appFloor, libFloor == null ? 0 : libFloor);
      confidence = Confidence.HIGH;
      rule = "bytecode";
    } else {
      floor = hints.values().stream().map(JdkDecider::feature).filter(v -> v != null).max(Integer::compare)
          .orElse(null);
      confidence = floor == null ? Confidence.LOW : Confidence.MEDIUM;
      rule = floor == null ? "default" : "hints";
      if (floor == null) {
        floor = 8;
      }
    }
    List<DetectReport.Hint> hintList = new ArrayList<>();
    for (Map.Entry<String, String> h : hints.entrySet()) {
      Integer v = feature(h.getValue());
      boolean build = h.getKey().contains("Build-Jdk") && !h.getKey().contains("Spec");
      // A build JDK newer than the floor is normal (javac --release); only an older one contradicts.
      boolean agrees = v != null && (build ? v >= floor || v.equals(floor) : v.equals(floor));
      hintList.add(new DetectReport.Hint(h.getKey(), h.getValue(), agrees));
      if (!agrees && rule.equals("bytecode")) {
        draft.warn("JDK_HINT_MISMATCH", h.getKey() + " says " + h.getValue() + " but the classes need Java " + floor
            + "; the bytecode wins", where, null);
      }
    }
    int runtime;
    String policy;
    if (pinned != null) {
      if (pinned < floor) {
        throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "jdk: " + pinned + " is below the bytecode floor "
            + floor, "a runtime at or above the classes' class-file version",
            List.of(where + ": classes need Java " + floor + " (app " + appFloor + ", libraries " + libFloor + ")"),
            "berth.yaml `jdk: " + pick(runtimes, floor) + "`, or remove `jdk:`");
      }
      if (!runtimes.contains(pinned)) {
        throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "jdk: " + pinned + " has no base image",
            "a JRE base image for Java " + pinned + " in the base-image catalog",
            List.of("catalog runtimes: " + runtimes), "berth.yaml `jdk: " + pick(runtimes, floor) + "`");
      }
      runtime = pinned;
      policy = "pinned";
    } else {
      int need = Math.max(Math.max(floor, 8), minimum);
      Integer r = pick(runtimes, need);
      if (r == null) {
        throw new DetectionFailure(Outcome.UNSUPPORTED, "the app needs Java " + need
            + " but no base image offers it", "a JRE base image for Java " + need + " or later",
            List.of("classes need Java " + floor + " (" + where + ")", "catalog runtimes: " + runtimes),
            "add a Java " + need + " base to dockerfile-templates/base-images.yaml");
      }
      runtime = r;
      policy = "floor-lts";
    }
    if (runtime > floor) {
      draft.warn("RUNTIME_ABOVE_FLOOR", "the classes need Java " + floor + "; the image runs Java " + runtime
          + " (the lowest LTS base in the catalog at or above it); removed JVM flags were translated", where, null);
    }
    draft.decide("jdk", Integer.toString(runtime), confidence, rule, where, "floor " + floor + " (app classes "
        + appFloor + ", libraries " + libFloor + "), runtime " + runtime + " by " + policy);
    DetectReport.Jdk jdk = new DetectReport.Jdk(floor, appFloor, libFloor, runtime, policy, buildJdk, hintList);
    draft.jdk = jdk;
    return jdk;
  }

  private static Integer pick(List<Integer> runtimes, int need) {
    return runtimes.stream().filter(r -> r >= need).min(Integer::compare).orElse(null);
  }
}
