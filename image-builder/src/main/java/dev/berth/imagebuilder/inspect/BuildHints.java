package dev.berth.imagebuilder.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDK hints from build files in one folder: {@code pom.xml} ({@code maven.compiler.release/target}), Gradle
 * (toolchain, {@code sourceCompatibility/targetCompatibility}), {@code .java-version}, {@code .sdkmanrc},
 * {@code system.properties}. Hints only cross-check the bytecode (DETECTION.md §2.4).
 */
public final class BuildHints {

  private static final Pattern POM = Pattern.compile(
      "<(maven\\.compiler\\.release|maven\\.compiler\\.target|java\\.version)>\\s*([^<\\s]+)\\s*<");
  private static final Pattern TOOLCHAIN = Pattern.compile("languageVersion(?:\\.set\\(|\\s*=\\s*)\\s*"
      + "JavaLanguageVersion\\.of\\(\\s*\"?(\\d+)");
  private static final Pattern COMPATIBILITY = Pattern.compile(
      "(targetCompatibility|sourceCompatibility)\\s*=\\s*(?:JavaVersion\\.VERSION_)?['\"]?([\\d._]+)");

  private BuildHints() {}

  /** Hint source (file and key) → value as written, for the build files present in {@code dir}. */
  public static Map<String, String> read(Path dir, String prefix) throws IOException {
    Map<String, String> hints = new LinkedHashMap<>();
    String pom = text(dir.resolve("pom.xml"));
    if (pom != null) {
      Matcher m = POM.matcher(pom);
      while (m.find()) {
        hints.putIfAbsent(prefix + "pom.xml " + m.group(1), m.group(2));
      }
    }
    for (String gradle : new String[] {"build.gradle.kts", "build.gradle"}) {
      String g = text(dir.resolve(gradle));
      if (g == null) {
        continue;
      }
      Matcher t = TOOLCHAIN.matcher(g);
      if (t.find()) {
        hints.put(prefix + gradle + " toolchain", t.group(1));
      }
      Matcher c = COMPATIBILITY.matcher(g);
      while (c.find()) {
        hints.putIfAbsent(prefix + gradle + " " + c.group(1), c.group(2).replace('_', '.'));
      }
    }
    String javaVersion = text(dir.resolve(".java-version"));
    if (javaVersion != null && !javaVersion.isBlank()) {
      hints.put(prefix + ".java-version", javaVersion.trim());
    }
    String sdkman = text(dir.resolve(".sdkmanrc"));
    if (sdkman != null) {
      Matcher s = Pattern.compile("(?m)^java=([\\w.\\-]+)").matcher(sdkman);
      if (s.find()) {
        hints.put(prefix + ".sdkmanrc java", s.group(1));
      }
    }
    String system = text(dir.resolve("system.properties"));
    if (system != null) {
      Matcher s = Pattern.compile("(?m)^java\\.runtime\\.version\\s*=\\s*([\\w.]+)").matcher(system);
      if (s.find()) {
        hints.put(prefix + "system.properties java.runtime.version", s.group(1));
      }
    }
    return hints;
  }

  private static String text(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
  }
}
