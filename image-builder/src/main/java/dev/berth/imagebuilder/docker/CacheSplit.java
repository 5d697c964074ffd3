package dev.berth.imagebuilder.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A single-stage Dockerfile cut at Berth's {@code # berth:cache-above} line: the part above (FROM, settings and
 * library layers) is built once as a cache image, the part below (the app's layers) is built FROM that image with
 * only its own files sent. Dockerfiles the cut could change the meaning of are not cut: several FROMs, ARG after
 * FROM (its value would not reach the lower part), ADD (URLs and archives), COPY --from, JSON-form COPY.
 *
 * @param fromImage the image the upper part starts FROM
 * @param upper the Dockerfile text above the marker
 * @param lower the instructions below the marker, to follow a new FROM line
 * @param upperSources context paths the upper part copies
 * @param lowerSources context paths the lower part copies
 */
record CacheSplit(String fromImage, String upper, String lower, List<String> upperSources, List<String> lowerSources) {

  /** The marker, as the renderer writes it (the rest of the line is an explanation for readers). */
  static final String MARKER = "# berth:cache-above";

  CacheSplit {
    upperSources = List.copyOf(upperSources);
    lowerSources = List.copyOf(lowerSources);
  }

  /** The cut, or empty when the Dockerfile has no marker or cutting it could change the image. */
  static Optional<CacheSplit> of(String dockerfile) {
    List<String> lines = dockerfile.lines().toList();
    int marker = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(MARKER)) {
        if (marker >= 0) {
          return Optional.empty();
        }
        marker = i;
      }
    }
    if (marker < 0) {
      return Optional.empty();
    }
    List<String> upperSources = new ArrayList<>();
    List<String> lowerSources = new ArrayList<>();
    int froms = 0;
    String fromImage = null;
    for (int i = 0; i < lines.size(); i++) {
      String instruction = instruction(lines, i);
      if (instruction == null) {
        continue;
      }
      String upperCase = instruction.toUpperCase(Locale.ROOT);
      String keyword = upperCase.split("\\s+", 2)[0];
      switch (keyword) {
        case "FROM" -> {
          if (++froms > 1 || i > marker) {
            return Optional.empty();
          }
          List<String> words = new ArrayList<>(List.of(instruction.split("\\s+")));
          words.remove(0);
          words.removeIf(w -> w.startsWith("--"));
          if (words.isEmpty() || words.get(0).contains("$")) {
            return Optional.empty();
          }
          fromImage = words.get(0);
        }
        case "ARG" -> {
          if (froms > 0) {
            return Optional.empty();
          }
        }
        case "ADD", "ONBUILD" -> {
          return Optional.empty();
        }
        case "COPY" -> {
          List<String> sources = copySources(instruction);
          if (sources.isEmpty()) {
            return Optional.empty();
          }
          (i < marker ? upperSources : lowerSources).addAll(sources);
        }
        default -> {}
      }
    }
    if (froms != 1 || upperSources.isEmpty()) {
      return Optional.empty();
    }
    String upper = String.join("\n", lines.subList(0, marker)) + "\n";
    String lower = String.join("\n", lines.subList(marker + 1, lines.size())) + "\n";
    return Optional.of(new CacheSplit(fromImage, upper, lower, upperSources, lowerSources));
  }

  /** The instruction starting at line {@code i} with its continuation lines joined, or null for none. */
  private static String instruction(List<String> lines, int i) {
    String line = lines.get(i).strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    if (i > 0 && lines.get(i - 1).stripTrailing().endsWith("\\") && !lines.get(i - 1).strip().startsWith("#")) {
      return null; // a continuation line, read with the instruction it belongs to
    }
    StringBuilder s = new StringBuilder();
    int j = i;
    String current = lines.get(j).stripTrailing();
    while (current.endsWith("\\") && j + 1 < lines.size()) {
      s.append(current, 0, current.length() - 1).append(' ');
      current = lines.get(++j).stripTrailing();
    }
    return s.append(current).toString().strip();
  }

  /** The context paths of a plain-form COPY, or empty when it copies from a stage, the whole context or JSON. */
  private static List<String> copySources(String instruction) {
    List<String> tokens = new ArrayList<>(List.of(instruction.split("\\s+")));
    tokens.remove(0);
    tokens.removeIf(t -> t.startsWith("--") && !t.startsWith("--from"));
    if (tokens.size() < 2 || tokens.get(0).startsWith("[") || tokens.stream().anyMatch(t -> t.startsWith("--from"))) {
      return List.of();
    }
    List<String> sources = new ArrayList<>();
    for (String t : tokens.subList(0, tokens.size() - 1)) {
      String path = t.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
      if (path.isEmpty() || path.equals(".") || path.contains("..") || path.contains("*") || path.contains("?")
          || path.contains("$")) {
        return List.of();
      }
      sources.add(path);
    }
    return sources;
  }
}
