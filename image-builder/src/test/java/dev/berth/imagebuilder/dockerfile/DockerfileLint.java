package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nine Dockerfile lints of DETECTION.md §4.4 over one generated Dockerfile; each finding names its lint.
 * Lint 6 (no fixture names) reads templates, not outputs: {@link #fixtureNames(String)}.
 */
final class DockerfileLint {

  /** Flags a Java 17 or 25 runtime refuses to start with (DETECTION.md §2.5, measured). */
  static final List<String> REJECTED_FLAGS =
      List.of("PermSize", "MaxPermSize", "UseConcMarkSweepGC", "CMSIncrementalMode", "CMSClassUnloadingEnabled",
          "UseParNewGC", "UseParallelOldGC", "PrintGCDateStamps", "PrintGCTimeStamps", "PrintTenuringDistribution",
          "PrintHeapAtGC", "PrintGCApplicationStoppedTime", "UseGCLogFileRotation", "NumberOfGCLogFiles",
          "GCLogFileSize", "AggressiveOpts", "UseFastAccessorMethods", "UseCompressedStrings", "UseStringCache",
          "UseSplitVerifier", "UseMembar", "UseCGroupMemoryLimitForHeap", "UnlockCommercialFeatures",
          "MaxRAMFraction", "UseBiasedLocking", "-Xincgc", "-d64", "java.endorsed.dirs", "java.ext.dirs",
          "-Xbootclasspath/p:");

  /** Names from the test corpus that must never appear in a template. */
  static final List<String> FIXTURE_NAMES =
      List.of("acme", "billing", "orders", "legacy-portal", "newrelic", "sample.war", "server.js", "app.py",
          "shop-", "manage.py");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXEC = Pattern.compile("^(ENTRYPOINT|CMD|HEALTHCHECK\\b.*?CMD)\\s+(\\[.*)$");
  private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9.\\-]+)=\"");

  private DockerfileLint() {}

  /** Findings for a rendered Dockerfile; empty when it passes every lint. */
  static List<String> check(String dockerfile, BaseImageCatalog catalog) {
    List<String> findings = new ArrayList<>();
    List<String> lines = logicalLines(dockerfile);
    Set<String> images = new java.util.HashSet<>();
    for (BaseImage b : catalog.all()) {
      images.add(b.image());
      images.add(b.offline());
    }
    int lastCopy = -1;
    int lastUser = -1;
    String user = null;
    boolean exposes = false;
    String labels = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String upper = line.toUpperCase(Locale.ROOT);
      if (line.matches(".*[\u201c\u201d\u2018\u2019].*")) {
        findings.add("1 curly quotes: " + line);
      }
      Matcher exec = EXEC.matcher(line);
      if (exec.matches()) {
        boolean healthcheck = exec.group(1).startsWith("HEALTHCHECK");
        List<String> args = jsonArray(exec.group(2), findings, line);
        for (String a : args) {
          if (a.contains("$")) {
            findings.add("2 '$' in exec form: " + a);
          }
          if (!healthcheck) {
            globs(a, findings);
            if (a.startsWith("-Xmx") || a.startsWith("-Xms")) {
              findings.add("8 memory flag on the command line: " + a);
            }
          }
          rejectedFlags(a, findings);
        }
      } else if (upper.startsWith("ENTRYPOINT") || upper.startsWith("CMD")) {
        findings.add("1 shell form instead of exec form: " + line);
      }
      if (upper.startsWith("FROM ")) {
        String image = line.substring(5).trim().split("\\s+")[0];
        if (!images.contains(image)) {
          findings.add("4 FROM " + image + " is not a catalog image");
        }
        user = null;
        lastCopy = -1;
        lastUser = -1;
      }
      if (upper.startsWith("COPY ") || upper.startsWith("ADD ")) {
        // App layers follow the settings (so a rebuild reuses them); they must name the app user themselves.
        if (user != null && !line.contains("--chown=" + user)) {
          lastCopy = i;
        }
        for (String token : line.split("\\s+")) {
          if (!token.startsWith("--") && (token.contains("*") || token.contains("?"))) {
            findings.add("3 glob in COPY source: " + line);
          }
        }
        if (upper.startsWith("ADD ")) {
          findings.add("3 ADD instead of COPY: " + line);
        }
      }
      if (upper.startsWith("USER ")) {
        user = line.substring(5).trim();
        lastUser = i;
      }
      if (line.contains("chmod 777") || line.contains("chmod -R 777") || line.contains("chmod a+rwx")) {
        findings.add("5 world-writable chmod: " + line);
      }
      if (upper.startsWith("ENV ") && line.contains("JAVA_TOOL_OPTIONS")) {
        rejectedFlags(line, findings);
        if (line.matches(".*-Xm[xs]\\d.*")) {
          findings.add("8 memory flag in JAVA_TOOL_OPTIONS: " + line);
        }
      }
      if (upper.startsWith("EXPOSE ")) {
        exposes = true;
      }
      if (upper.startsWith("LABEL ")) {
        labels += line + "\n";
      }
    }
    if (user == null || user.startsWith("0") || user.startsWith("root")) {
      findings.add("5 no non-root USER in the final stage");
    } else if (lastUser < lastCopy) {
      findings.add("5 COPY after the last USER without --chown to that user");
    }
    Set<String> keys = new java.util.HashSet<>();
    Matcher m = LABEL_KEY.matcher(labels);
    while (m.find()) {
      keys.add(m.group(1));
    }
    List<String> required = new ArrayList<>(List.of("org.opencontainers.image.title",
        "org.opencontainers.image.base.name", "dev.berth.stack"));
    if (exposes) {
      required.addAll(List.of("dev.berth.port", "dev.berth.health"));
    }
    if (keys.contains("dev.berth.stack") && labels.contains("dev.berth.stack=\"jvm-")) {
      required.addAll(List.of("dev.berth.jdk.runtime", "dev.berth.jdk.floor"));
    }
    for (String key : required) {
      if (!keys.contains(key)) {
        findings.add("9 missing label " + key);
      }
    }
    return findings;
  }

  /** Lint 6 over a template's text: corpus names that leaked into it. */
  static List<String> fixtureNames(String template) {
    String lower = template.toLowerCase(Locale.ROOT);
    return FIXTURE_NAMES.stream().filter(lower::contains).map(n -> "6 fixture name in template: " + n).toList();
  }

  private static void globs(String arg, List<String> findings) {
    if (!arg.contains("*") && !arg.contains("?")) {
      return;
    }
    for (String element : arg.split(":")) {
      if ((element.contains("*") || element.contains("?")) && !element.matches("(.*/)?lib/\\*")) {
        findings.add("3 glob in exec form: " + arg);
        return;
      }
    }
  }

  private static void rejectedFlags(String text, List<String> findings) {
    for (String flag : REJECTED_FLAGS) {
      if (text.contains(flag.startsWith("-") || flag.contains(".") ? flag : ":" + flag)
          || text.contains("-XX:+" + flag) || text.contains("-XX:-" + flag) || text.contains("-XX:" + flag + "=")) {
        findings.add("7 flag the runtime rejects: " + flag);
      }
    }
  }

  private static List<String> jsonArray(String text, List<String> findings, String line) {
    try {
      JsonNode node = JSON.readTree(text);
      List<String> args = new ArrayList<>();
      if (!node.isArray()) {
        findings.add("1 exec form is not a JSON array: " + line);
        return args;
      }
      for (JsonNode n : node) {
        if (!n.isTextual()) {
          findings.add("1 exec-form element is not a string: " + line);
        }
        args.add(n.asText());
      }
      return args;
    } catch (Exception e) {
      findings.add("1 exec form is not valid JSON: " + line);
      return List.of();
    }
  }

  /** Lines with continuations joined and comments dropped. */
  static List<String> logicalLines(String dockerfile) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : dockerfile.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(current.toString().strip().replaceAll("\\s+", " ").replace("CMD [", "CMD ["));
      current.setLength(0);
    }
    return out;
  }
}
