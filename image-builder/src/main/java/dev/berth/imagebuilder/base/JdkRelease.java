package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JDK's {@code release} file: {@code JAVA_VERSION} (e.g. {@code 17.0.15}) and {@code JAVA_RUNTIME_VERSION}.
 *
 * @param javaVersion the full version, e.g. {@code 17.0.15}
 * @param runtimeVersion the build string, e.g. {@code 17.0.15+6-Debian-1deb12u1}
 */
record JdkRelease(String javaVersion, String runtimeVersion) {

  /** Reads {@code <jdkHome>/release}; fails naming the folder when it is not a JDK. */
  static JdkRelease read(Path jdkHome) throws BaseImageException {
    Path release = jdkHome.resolve("release");
    try {
      return parse(Files.readString(release));
    } catch (IOException | IllegalArgumentException e) {
      throw new BaseImageException(
          "cannot read the JDK release file " + release + " (" + e.getMessage() + "); point the recipe at a JDK"
              + " folder that has bin/jlink and a release file");
    }
  }

  static JdkRelease parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
      }
    }
    String version = values.get("JAVA_VERSION");
    if (version == null || version.isEmpty()) {
      throw new IllegalArgumentException("no JAVA_VERSION in the release file");
    }
    return new JdkRelease(version, values.getOrDefault("JAVA_RUNTIME_VERSION", version));
  }

  /** The feature release: 17 for {@code 17.0.15}, 8 for {@code 1.8.0_402}. */
  int feature() {
    String[] parts = javaVersion.split("[._+-]");
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }
}
