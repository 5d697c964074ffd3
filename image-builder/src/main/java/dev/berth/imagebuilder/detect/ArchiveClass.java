package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import java.util.Map;

/** The archive classes of DETECTION.md §2.3, and which of them can be the app. */
enum ArchiveClass {
  AGENT("agent", "javaagent (Premain-Class)", false),
  BOOT_JAR("boot-jar", "Spring Boot jar", true),
  BOOT_WAR("boot-war", "Spring Boot war", true),
  EXEC_JAR("exec-jar", "executable jar", true),
  WAR("war", "web application archive", true),
  EAR("ear", "enterprise archive", false),
  LIBRARY("library", "library (no Main-Class)", false);

  private final String id;
  private final String description;
  private final boolean runnable;

  ArchiveClass(String id, String description, boolean runnable) {
    this.id = id;
    this.description = description;
    this.runnable = runnable;
  }

  String id() {
    return id;
  }

  String description() {
    return description;
  }

  boolean runnable() {
    return runnable;
  }

  static ArchiveClass of(Archive a, String name) throws ArchiveException {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".ear") || a.has("META-INF/application.xml")) {
      return EAR;
    }
    Map<String, String> mf = a.manifest();
    if (mf.containsKey("Premain-Class") || mf.containsKey("Agent-Class")) {
      return AGENT;
    }
    String main = mf.getOrDefault("Main-Class", "");
    if (a.hasPrefix("WEB-INF/lib-provided/") && main.endsWith("WarLauncher")) {
      return BOOT_WAR;
    }
    if (SpringBootJarDetector.isBootJar(a, mf)) {
      return BOOT_JAR;
    }
    if (lower.endsWith(".war") || a.has("WEB-INF/web.xml") || a.hasPrefix("WEB-INF/classes/")) {
      return WAR;
    }
    return main.isBlank() ? LIBRARY : EXEC_JAR;
  }
}
