package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.api.DetectReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
  STATIC("static"),
  /** A static site built by its npm build script in a Node stage, then served like {@link #STATIC}. */
  STATIC_NODE_BUILD("static/node-build");

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

  /** Served from /www by busybox httpd. */
  boolean staticSite() {
    return this == STATIC || this == STATIC_NODE_BUILD;
  }

  /** Has a build stage, so the layers are build-stage sources and the image needs an engine. */
  boolean buildStage() {
    return this == GO || this == STATIC_NODE_BUILD;
  }

  /**
   * The shape for a successful detect report.
   *
   * @throws DockerfileException when the report is not a success or names no stack
   */
  static TemplateShape of(DetectReport report, Path root) throws DockerfileException {
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
      case "static" -> nodeBuild(root) ? STATIC_NODE_BUILD : STATIC;
      default -> throw new DockerfileException("no Dockerfile template for stack '" + report.stack() + "'");
    };
  }

  /** Whether the site comes from an npm {@code build} script (package.json at the root with scripts.build). */
  static boolean nodeBuild(Path root) throws DockerfileException {
    Path pkg = root.resolve("package.json");
    if (!Files.isRegularFile(pkg)) {
      return false;
    }
    try {
      return new ObjectMapper().readTree(pkg.toFile()).path("scripts").hasNonNull("build");
    } catch (IOException e) {
      throw new DockerfileException("cannot read " + pkg + " as JSON: " + e.getMessage().lines().findFirst()
          .orElse("") + "; fix the file");
    }
  }
}
