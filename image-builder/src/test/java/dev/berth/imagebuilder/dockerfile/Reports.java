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
  /** Writes each named file (text: its own name) under root. */
  static Path files(Path root, String... names) throws IOException {
    for (String f : names) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      if (!Files.exists(p)) {
        Files.writeString(p, "content of " + f);
      }
    }
    return root;
  }

  /** A report and its input folder, for one template shape. */
  record Case(String templateId, DetectReport report, Path root) {}

  /** One case per template id, each with its input written under {@code dir}. */
  static List<Case> everyShape(Path dir) throws IOException {
    java.util.List<Case> cases = new java.util.ArrayList<>();
    cases.add(new Case("jvm-dist", distJdk7(), distJdk7Files(dir.resolve("dist"))));
    cases.add(new Case("jvm-jar",
        report("jvm-jar", "orders-2.3.0.jar", new DetectReport.Jdk(8, 8, 8, 17, "floor-lts", null, List.of()),
            List.of("java", "-jar", "/app/orders-2.3.0.jar"), null, 8080, null,
            List.of(new DetectReport.Agent("agents/newrelic.jar", "com.newrelic.Agent", "newrelic", null)),
            DetectReport.Flags.none(), List.of("/app/agents"),
            List.of(new DetectReport.Layer("agents", List.of("agents"), "/app/agents/"),
                new DetectReport.Layer("application", List.of("orders-2.3.0.jar"), "/app/")),
            Map.of()),
        files(dir.resolve("jar"), "orders-2.3.0.jar", "agents/newrelic.jar", "agents/newrelic.yml")));
    cases.add(new Case("jvm-boot",
        report("jvm-boot", "target/shop-2.7.18.jar", new DetectReport.Jdk(17, 17, 8, 17, "floor-lts", null,
                List.of()),
            List.of("java", "-cp", "/app", "org.springframework.boot.loader.JarLauncher"), null, 8085,
            "http:8085/actuator/health", List.of(), DetectReport.Flags.none(), List.of(),
            List.of(new DetectReport.Layer("dependencies", List.of("BOOT-INF/lib/spring-core-5.3.31.jar"),
                    "/app/BOOT-INF/lib/"),
                new DetectReport.Layer("spring-boot-loader", List.of("org"), "/app/org/"),
                new DetectReport.Layer("snapshot-dependencies", List.of("BOOT-INF/lib/acme-1.0-SNAPSHOT.jar"),
                    "/app/BOOT-INF/lib/"),
                new DetectReport.Layer("application", List.of("BOOT-INF/classes"),
                    "/app/BOOT-INF/classes/")),
            Map.of("dev.berth.jvm.threads", "200")),
        files(dir.resolve("boot"), "BOOT-INF/lib/spring-core-5.3.31.jar", "BOOT-INF/lib/acme-1.0-SNAPSHOT.jar",
            "org/springframework/boot/loader/JarLauncher.class", "BOOT-INF/classes/com/acme/App.class",
            "META-INF/MANIFEST.MF")));
    cases.add(new Case("jvm-boot/jar",
        report("jvm-boot", "shop-1.3.8.jar", new DetectReport.Jdk(8, 8, 8, 17, "floor-lts", null, List.of()),
            List.of("java", "-jar", "/app/shop-1.3.8.jar"), null, 8080, "http:8080/health", List.of(),
            DetectReport.Flags.none(), List.of(),
            List.of(new DetectReport.Layer("application", List.of("shop-1.3.8.jar"), "/app/")), Map.of()),
        files(dir.resolve("boot1"), "shop-1.3.8.jar")));
    cases.add(new Case("jvm-war",
        report("jvm-war", "legacy-portal.war", new DetectReport.Jdk(8, 8, 8, 17, "floor-lts", null, List.of()),
            List.of(), new DetectReport.Server("tomcat", "9.0", "javax", "3.1", "/legacy-portal"), 8080,
            "http:8080/legacy-portal/", List.of(), DetectReport.Flags.none(), List.of(),
            List.of(new DetectReport.Layer("application", List.of("legacy-portal.war"),
                "/usr/local/tomcat/webapps/legacy-portal.war")), Map.of()),
        files(dir.resolve("war"), "legacy-portal.war")));
    Path node = files(dir.resolve("node"), "server.js", "package-lock.json");
    Files.writeString(node.resolve("package.json"), "{\"name\":\"n\",\"dependencies\":{\"express\":\"4\"}}");
    cases.add(new Case("node",
        report("node", "package.json", null, List.of("node", "server.js"), null, 3000, null, List.of(), null,
            List.of(), List.of(new DetectReport.Layer("dependencies", List.of("package.json", "package-lock.json"),
                "/app/"), new DetectReport.Layer("application", List.of("server.js"), "/app/")), Map.of()),
        node));
    cases.add(new Case("python",
        report("python", "app.py", null, List.of("gunicorn", "--bind", "0.0.0.0:8000", "app:app"), null, 8000,
            "http:8000/", List.of(), null, List.of(),
            List.of(new DetectReport.Layer("dependencies", List.of("requirements.txt"), "/app/"),
                new DetectReport.Layer("application", List.of("app.py"), "/app/")), Map.of()),
        files(dir.resolve("python"), "requirements.txt", "app.py")));
    cases.add(new Case("go",
        report("go", ".", null, List.of("/app/server"), null, 8080, null, List.of(), null, List.of(),
            List.of(new DetectReport.Layer("source", List.of("go.mod", "main.go"), "/app/")), Map.of()),
        files(dir.resolve("go"), "go.mod", "main.go")));
    cases.add(new Case("static",
        report("static", "index.html", null, List.of(), null, null, null, List.of(), null, List.of(),
            List.of(new DetectReport.Layer("site", List.of("index.html", "assets"), "/www/")), Map.of()),
        files(dir.resolve("static"), "index.html", "assets/site.css")));
    Path site = files(dir.resolve("site"), "build.js", "src/main.js");
    Files.writeString(site.resolve("package.json"), "{\"name\":\"s\",\"scripts\":{\"build\":\"node build.js\"}}");
    cases.add(new Case("static/node-build",
        report("static", "dist", null, List.of(), null, null, null, List.of(), null, List.of(),
            List.of(new DetectReport.Layer("source", List.of("package.json", "build.js", "src"), "/app/")),
            Map.of()),
        site));
    return cases;
  }
}
