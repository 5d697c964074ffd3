package dev.berth.runtime.cli;

import dev.berth.runtime.api.json.ApiJson;

/** How a command prints: a table for people, or JSON / YAML for scripts. */
enum OutputFormat {
  TABLE,
  JSON,
  YAML;

  /** The value in this format, or {@code null} for TABLE (the command prints its own table). */
  String render(Object value) {
    return switch (this) {
      case JSON -> ApiJson.toPrettyJson(value);
      case YAML -> ApiJson.toYaml(value);
      default -> null;
    };
  }
}
