package dev.berth.imagebuilder.dockerfile;

import dev.berth.imagebuilder.api.DetectReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Hand-built detect reports and matching input folders for the renderer's unit tests. */
final class Reports {

  private Reports() {}

  static DetectReport report(
      String stack,
      String artifact,
      DetectReport.Jdk jdk,
      List<String> entrypoint,
      DetectReport.Server server,
      Integer port,
      String health,
      List<DetectReport.Agent> agents,
      DetectReport.Flags flags,
      List<String> writable,
      List<DetectReport.Layer> layers,
      Map<String, String> labels) {
    return new DetectReport(
        DetectReport.SCHEMA,
        "test",
        DetectReport.Outcome.OK,
        0,
        DetectReport.Confidence.HIGH,
        stack,
        null,
        artifact == null ? null : new DetectReport.Artifact(artifact, "test", null, List.of()),
        Map.of(),
        jdk,
        new DetectReport.Start(entrypoint, null, null, List.of()),
        server,
        port,
        health,
        agents,
        flags,
        writable,
        layers,
        labels,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  /** The L1 shape: a JDK 7 dist with release and snapshot libs, conf, a file-logging app on 8081. */
  static DetectReport distJdk7() {
    return report(
        "jvm-dist",
        "lib/billing-1.4.2.jar",
        new DetectReport.Jdk(8, 7, 7, 17, "floor-lts", "1.7.0_80", List.of()),
        List.of("java", "-Dlog.dir=/app/logs", "-Dhttp.port=8081", "-cp", "/app/conf:/app/lib/*",
            "com.acme.billing.Main"),
        null,
        8081,
        null,
        List.of(),
        new DetectReport.Flags(List.of("-Dlog.dir=../logs"), List.of(),
            List.of(new DetectReport.Dropped("-XX:MaxPermSize=256m", "removed in 8")),
            List.of("-Xms512m", "-Xmx1024m")),
        List.of("/app/logs"),
        List.of(
            new DetectReport.Layer("dependencies", List.of("lib/commons-lang-2.6.jar", "lib/log4j-1.2.17.jar"),
                "/app/lib/"),
            new DetectReport.Layer("snapshot-dependencies", List.of("lib/acme-common-1.0-SNAPSHOT.jar"),
                "/app/lib/"),
            new DetectReport.Layer("resources", List.of("conf"), "/app/conf/"),
            new DetectReport.Layer("application", List.of("lib/billing-1.4.2.jar"), "/app/lib/")),
        Map.of("dev.berth.jvm.classes", "412"));
  }

  /** Writes the files {@link #distJdk7()} names. */
  static Path distJdk7Files(Path root) throws IOException {
    for (String f : List.of("lib/commons-lang-2.6.jar", "lib/log4j-1.2.17.jar", "lib/acme-common-1.0-SNAPSHOT.jar",
        "lib/billing-1.4.2.jar", "conf/log4j.properties", "bin/start.sh")) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "content of " + f);
    }
    Files.createDirectories(root.resolve("logs"));
    return root;
  }
}
