package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a hand edit changed that matters (DETECTION.md §2.6): a {@code FROM} whose JDK is below the app's floor is an
 * error; a changed start command or port is a warning. Everything else in an edited Dockerfile is the user's call.
 */
public final class DockerfileDrift {

  /** One finding: an error blocks the build, a warning is reported. */
  public record Finding(boolean error, String message) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerfileDrift() {}

  /** Findings for an edited Dockerfile against the report it was generated from. */
  public static List<Finding> check(String dockerfile, DetectReport report, BaseImageCatalog catalog) {
    List<Finding> findings = new ArrayList<>();
    String from = null;
    List<String> entrypoint = null;
    List<String> exposed = new ArrayList<>();
    for (String line : dockerfile.split("\n")) {
      String l = line.strip();
      String upper = l.toUpperCase(Locale.ROOT);
      if (upper.startsWith("FROM ")) {
        from = l.substring(5).trim().split("\\s+")[0];
        exposed.clear();
        entrypoint = null;
      } else if (upper.startsWith("ENTRYPOINT ") && l.substring(11).trim().startsWith("[")) {
        entrypoint = args(l.substring(11).trim());
      } else if (upper.startsWith("EXPOSE ")) {
        exposed.addAll(List.of(l.substring(7).trim().split("\\s+")));
      }
    }
    Integer floor = report.jdk() == null ? null : report.jdk().floor();
    if (from != null && floor != null) {
      for (BaseImage base : catalog.all()) {
        if ((from.equals(base.image()) || from.equals(base.offline())) && base.jdk() != null && base.jdk() < floor) {
          findings.add(new Finding(true, "FROM " + from + " runs Java " + base.jdk() + ", below the app's floor "
              + floor + " (classes would fail with UnsupportedClassVersionError); use a base with Java " + floor
              + " or later"));
          break; // several catalog ids share a public image
        }
      }
    }
    List<String> expected = report.start() == null ? List.of() : report.start().entrypoint();
    if (entrypoint != null && !expected.isEmpty() && !entrypoint.equals(expected)) {
      findings.add(new Finding(false, "ENTRYPOINT differs from the detected start command "
          + DockerfileSyntax.execForm(expected)));
    }
    if (report.port() != null && !exposed.isEmpty() && !exposed.contains(report.port().toString())
        && !exposed.contains(report.port() + "/tcp")) {
      findings.add(new Finding(false, "EXPOSE " + String.join(" ", exposed) + " differs from the detected port "
          + report.port() + " (label dev.berth.port)"));
    }
    return findings;
  }

  private static List<String> args(String json) {
    try {
      List<String> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(json)) {
        out.add(n.asText());
      }
      return out;
    } catch (Exception e) {
      return null;
    }
  }
}
