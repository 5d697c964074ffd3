package dev.berth.imagebuilder.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Step 0 of DETECTION.md §2.2: the detection keys of {@code berth.yaml} in the input folder ({@code artifact},
 * {@code stack}, {@code jdk}, {@code module}, {@code server}, {@code failOnLowConfidence}), under the step's or
 * CLI's values (later wins). A malformed file or a value of the wrong type is exit 6.
 */
final class BerthYaml {

  static final String FILE = "berth.yaml";
  private static final Set<String> KEYS = Set.of("artifact", "stack", "jdk", "module", "server",
      "failOnLowConfidence");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private BerthYaml() {}

  static DetectOptions merge(Path dir, DetectOptions given, ReportDraft d) throws DetectionFailure {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return given;
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw invalid("berth.yaml is not valid YAML", e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return given;
    }
    if (!root.isObject()) {
      throw invalid("berth.yaml is not a mapping", "top level is " + root.getNodeType());
    }
    String artifact = text(root, "artifact");
    String stack = text(root, "stack");
    String module = text(root, "module");
    String server = text(root, "server");
    Integer jdk = null;
    if (root.has("jdk")) {
      JsonNode j = root.get("jdk");
      if (!j.canConvertToInt() || (j.isTextual() && !j.asText().matches("\\d+"))) {
        throw invalid("berth.yaml `jdk: " + j.asText() + "` is not a Java feature release", "jdk: " + j.asText());
      }
      jdk = j.isTextual() ? Integer.valueOf(j.asText()) : j.asInt();
    }
    boolean fail = true;
    if (root.has("failOnLowConfidence")) {
      JsonNode f = root.get("failOnLowConfidence");
      if (!f.isBoolean()) {
        throw invalid("berth.yaml `failOnLowConfidence` must be true or false", "failOnLowConfidence: " + f);
      }
      fail = f.asBoolean();
    }
    record(d, "artifact", artifact, given.artifact());
    record(d, "stack", stack, given.stack());
    record(d, "jdk", jdk == null ? null : jdk.toString(), given.jdk() == null ? null : given.jdk().toString());
    record(d, "module", module, given.module());
    record(d, "server", server, given.server());
    return new DetectOptions(
        given.artifact() != null ? given.artifact() : artifact,
        given.stack() != null ? given.stack() : stack,
        given.jdk() != null ? given.jdk() : jdk,
        given.module() != null ? given.module() : module,
        given.server() != null ? given.server() : server,
        given.failOnLowConfidence() && fail,
        given.source());
  }

  private static void record(ReportDraft d, String key, String yaml, String given) {
    if (yaml != null) {
      d.overrides.add(new DetectReport.Override(key, yaml, FILE, given == null,
          given == null ? null : "overridden by " + given));
    }
  }

  private static String text(JsonNode root, String key) throws DetectionFailure {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw invalid("berth.yaml `" + key + "` must be a single value", key + ": " + n);
    }
    return n.asText();
  }

  private static DetectionFailure invalid(String headline, String found) {
    return new DetectionFailure(Outcome.INVALID_OVERRIDE, headline, "berth.yaml with the keys " + KEYS.stream()
        .sorted().toList(), List.of(found), "fix berth.yaml, e.g. `artifact: target/app-1.0.jar` and `jdk: 17`");
  }
}
