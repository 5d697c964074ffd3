package dev.berth.imagebuilder.dockerfile;

import dev.berth.imagebuilder.api.DetectReport;

/** The stack shapes Berth has a template for, and which one a detect report needs. */
enum TemplateShape {
  JVM_DIST("jvm-dist"),
  JVM_JAR("jvm-jar"),
  /** Exploded Boot jar started by its launcher from the manifest: {@code java -cp /app <Main-Class>}. */
  JVM_BOOT("jvm-boot"),
  /** Boot 1.3 root-lib jars and boot WARs, started as {@code java -jar}. */
  JVM_BOOT_JAR("jvm-boot/jar"),
  JVM_WAR("jvm-war"),
  NODE("node"),
  PYTHON("python"),
  GO("go"),
  STATIC("static");

  private final String templateId;

  TemplateShape(String templateId) {
    this.templateId = templateId;
  }

  String templateId() {
    return templateId;
  }

  boolean jvm() {
    return name().startsWith("JVM_");
  }

  /**
   * The shape for a successful detect report.
   *
   * @throws DockerfileException when the report is not a success or names no stack
   */
  static TemplateShape of(DetectReport report) throws DockerfileException {
    if (report.outcome() != null && report.outcome() != DetectReport.Outcome.OK) {
      throw new DockerfileException(
          "detection ended with " + report.outcome() + " (exit " + report.exitCode() + "), so there is nothing to"
              + " write a Dockerfile for; fix what berth detect reports first"
              + (report.error() != null && report.error().headline() != null
                  ? ": " + report.error().headline()
                  : ""));
    }
    if (report.stack() == null) {
      throw new DockerfileException("the detect report names no stack; run berth detect and check its output");
    }
    return switch (report.stack()) {
      case "jvm-dist" -> JVM_DIST;
      case "jvm-jar" -> JVM_JAR;
      case "jvm-boot" -> report.start() != null && report.start().entrypoint().contains("-jar")
          ? JVM_BOOT_JAR
          : JVM_BOOT;
      case "jvm-war" -> JVM_WAR;
      case "node" -> NODE;
      case "python" -> PYTHON;
      case "go" -> GO;
      case "static" -> STATIC;
      default -> throw new DockerfileException("no Dockerfile template for stack '" + report.stack() + "'");
    };
  }
}
