package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** How Berth spells Dockerfile values: exec-form JSON arrays and double-quoted LABEL/ENV values. */
final class DockerfileSyntax {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerfileSyntax() {}

  /** An exec-form argument list: a JSON array with ASCII double quotes, e.g. {@code ["java","-jar","/app/x.jar"]}. */
  static String execForm(List<String> args) {
    try {
      return JSON.writeValueAsString(args);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + args + " as JSON", e);
    }
  }

  /** A double-quoted value with {@code \}, {@code "} and {@code $} escaped, so Docker takes it literally. */
  static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
  }

  /** One LABEL instruction, one key per continued line. */
  static String labels(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("LABEL ");
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        sb.append(" \\\n      ");
      }
      sb.append(e.getKey()).append('=').append(quoted(e.getValue()));
      first = false;
    }
    return sb.toString();
  }
}
