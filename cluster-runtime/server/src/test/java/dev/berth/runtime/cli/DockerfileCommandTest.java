package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DockerfileCommandTest extends CliHarness {

  private static final String REPORT = """
      {
        "schema": "berth.detect/v1", "outcome": "OK", "exitCode": 0, "confidence": "HIGH",
        "stack": "jvm-jar",
        "artifact": {"path": "orders-2.3.0.jar", "kind": "shaded"},
        "jdk": {"floor": 8, "runtime": 17},
        "start": {"entrypoint": ["java", "-jar", "/app/orders-2.3.0.jar"]},
        "port": 8080, "health": "http:8080/",
        "layers": [{"name": "application", "sources": ["orders-2.3.0.jar"], "target": "/app/"}],
        "labels": {"dev.berth.jvm.classes": "120"}
      }
      """;

  @TempDir Path tmp;
  private Path app;
  private Path report;

  @BeforeEach
  void app() throws Exception {
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("orders-2.3.0.jar"), "jar bytes");
    report = Files.writeString(tmp.resolve("detect-report.json"), REPORT);
  }

  @Test
  void dockerfile_fromReport_writesContextIntoDefaultFolder() throws Exception {
    int code = run("dockerfile", app.toString(), "--report", report.toString(), "--offline");

    assertThat(code).as(err.toString()).isZero();
    Path dir = app.resolve(".berth");
    assertThat(out.toString()).contains("Wrote " + dir.toAbsolutePath().normalize(), "template jvm-jar",
        "FROM berth/jre:17");
    String dockerfile = Files.readString(dir.resolve("Dockerfile"));
    assertThat(dockerfile).contains("FROM berth/jre:17\n", "ENTRYPOINT [\"java\",\"-jar\",\"/app/orders-2.3.0.jar\"]",
        "dev.berth.jvm.classes=\"120\"");
    assertThat(dir.resolve("context/application/orders-2.3.0.jar")).hasContent("jar bytes");
  }

  @Test
  void dockerfile_detectsTheFolder_andWritesItsBuildContext() throws Exception {
    Path dist = Samples.l1DistJdk7(Files.createDirectories(tmp.resolve("l1")));
    int code = run("dockerfile", dist.toString(), "--offline");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("stack jvm-dist", "template jvm-dist", "FROM berth/jre:17");
    Path dir = dist.resolve(".berth");
    assertThat(Files.readString(dir.resolve("Dockerfile"))).contains("ENTRYPOINT [\"java\",", "USER 10001:0");
    assertThat(dir.resolve("context/application")).isNotEmptyDirectory();
    assertThat(dir.resolve("detect-report.json")).content().contains("\"stack\" : \"jvm-dist\"");
  }

  @Test
  void dockerfile_undetectableFolder_exitsWithDetectionCodeAndItsText() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    int code = run("dockerfile", empty.toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).startsWith("ERROR [UNKNOWN_STACK]");
    assertThat(empty.resolve(".berth")).doesNotExist();
  }

  @Test
  void check_reportsGeneratedThenEditedThenForeign() throws Exception {
    Path dir = tmp.resolve("out");
    assertThat(run("dockerfile", app.toString(), "--report", report.toString(), "-o", dir.toString())).isZero();
    assertThat(run("dockerfile", "--check", dir.toString())).isZero();
    assertThat(out.toString()).contains("as generated");

    Files.writeString(dir.resolve("Dockerfile"), Files.readString(dir.resolve("Dockerfile")) + "ENV X=1\n");
    assertThat(run("dockerfile", "--check", dir.toString())).isEqualTo(DockerfileCommand.DRIFT);
    assertThat(out.toString()).contains("edited since generated").doesNotContain("WARNING");

    Files.writeString(dir.resolve("Dockerfile"), Files.readString(dir.resolve("Dockerfile"))
        .replace("EXPOSE 8080", "EXPOSE 9090"));
    assertThat(run("dockerfile", "--check", dir.toString())).isEqualTo(DockerfileCommand.DRIFT);
    assertThat(out.toString()).contains("WARNING EXPOSE 9090 differs from the detected port 8080");

    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    assertThat(run("dockerfile", "--check", dir.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("no `# berth:generated` first line");
  }

  @Test
  void dockerfile_missingLayerSource_failsWithOneLineAndWritesNothing() throws Exception {
    Files.delete(app.resolve("orders-2.3.0.jar"));
    int code = run("dockerfile", app.toString(), "--report", report.toString(), "-o", tmp.resolve("out").toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(err.toString()).startsWith("ERROR layer application source 'orders-2.3.0.jar' does not exist");
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    try (Stream<Path> entries = Files.list(tmp)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app",
          "detect-report.json");
    }
  }

  @Test
  void dockerfile_failedDetection_exitsWithDetectionCode() throws Exception {
    Files.writeString(report, """
        {"schema": "berth.detect/v1", "outcome": "AMBIGUOUS", "exitCode": 4, "confidence": "LOW",
         "error": {"headline": "2 runnable archives in target/"}}
        """);
    assertThat(run("dockerfile", app.toString(), "--report", report.toString())).isEqualTo(4);
    assertThat(err.toString()).contains("[AMBIGUOUS] 2 runnable archives in target/");
    assertThat(app.resolve(".berth")).doesNotExist();
  }
}
