package dev.berth.imagebuilder.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Dockerfile template: text with {@code {{name}}} placeholders (braces, so Dockerfile's own {@code ${VAR}}
 * stays untouched). A placeholder alone on its line whose value is empty removes the line, so optional blocks
 * leave no blank gaps.
 *
 * @param id template id, e.g. {@code jvm-boot/jar}
 * @param resource where it was read from, for messages
 * @param text the template text
 */
public record DockerfileTemplate(String id, String resource, String text) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
  private static final Pattern ALONE = Pattern.compile("^\\s*\\{\\{([A-Za-z][A-Za-z0-9]*)}}\\s*$");

  public DockerfileTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(text, "text");
  }

  /** The placeholder names the template uses, in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Fills every placeholder.
   *
   * @param values a value for every placeholder; {@code ""} for an optional block that is absent
   * @throws DockerfileException naming the template, line and variable when the template uses a variable Berth
   *     does not know, or one whose value is missing ({@code null})
   */
  public String render(Map<String, String> values) throws DockerfileException {
    List<String> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher alone = ALONE.matcher(line);
      if (alone.matches() && "".equals(value(values, alone.group(1), i + 1))) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(value(values, m.group(1), i + 1)));
      }
      m.appendTail(sb);
      out.add(sb.toString());
    }
    return String.join("\n", out);
  }

  private String value(Map<String, String> values, String name, int line) throws DockerfileException {
    if (!values.containsKey(name)) {
      throw new DockerfileException(
          "template " + id + " (" + resource + ") line " + line + " uses unknown variable {{" + name + "}}; known: "
              + String.join(", ", values.keySet().stream().sorted().toList())
              + ". Fix the template or use one of the known variables (dockerfile-templates/README.md)");
    }
    String v = values.get(name);
    if (v == null) {
      throw new DockerfileException(
          "template " + id + " (" + resource + ") line " + line + " needs {{" + name + "}}, but the detect report"
              + " gives no value for it; fix the detection (berth detect --json shows the report) or remove the"
              + " line from the template");
    }
    return v;
  }
}
