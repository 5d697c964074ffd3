package dev.berth.imagebuilder.inspect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the runtime's facts (JDK floor and runtime, class count, threads, javaagents, legacy {@code -Xmx}, port,
 * health, writable folders) from what detection found, and turns them into image labels with the OCI title and
 * version.
 */
public final class AppFactsReader {

  private static final Pattern VERSIONED = Pattern.compile("^(.+?)-(\\d[\\w.]*?(?:-SNAPSHOT)?)$");

  private AppFactsReader() {}

  /** The facts of a detected app. */
  public static AppFacts facts(
      String stack,
      DetectReport.Jdk jdk,
      Integer classes,
      Integer threads,
      List<DetectReport.Agent> agents,
      DetectReport.Flags flags,
      Integer port,
      String health,
      List<String> writableDirs) {
    String xmx = null;
    if (flags != null) {
      for (String f : flags.memory()) {
        if (f.startsWith("-Xmx")) {
          xmx = f.substring(4);
        }
      }
    }
    return new AppFacts(stack, jdk == null ? null : jdk.floor(), jdk == null ? null : jdk.runtime(), null,
        classes, threads,
        agents.stream().map(a -> a.knownAs() != null ? a.knownAs() : a.path().replaceAll(".*/", "")).toList(),
        xmx, port, health, writableDirs);
  }

  /** OCI title and version (from the artifact's file name) followed by the fact labels. */
  public static Map<String, String> labels(AppFacts facts, String artifactName, String fallbackTitle) {
    Map<String, String> labels = new LinkedHashMap<>();
    String name = artifactName == null || artifactName.isBlank() || artifactName.equals(".")
        ? fallbackTitle : artifactName.replaceAll(".*/", "");
    name = name.replaceFirst("\\.(jar|war|ear|zip|tar\\.gz|tgz|tar)$", "");
    Matcher m = VERSIONED.matcher(name);
    if (m.matches()) {
      labels.put("org.opencontainers.image.title", m.group(1));
      labels.put("org.opencontainers.image.version", m.group(2));
    } else {
      labels.put("org.opencontainers.image.title", name);
    }
    labels.putAll(FactLabels.toLabels(facts));
    return labels;
  }
}
