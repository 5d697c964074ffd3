package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest extends CliHarness {

  @TempDir Path tmp;

  @Test
  void json_printsTheReportAndWritesItUnderTheFolder() throws Exception {
    Path app = Samples.l1DistJdk7(tmp);

    int code = run("detect", app.toString(), "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.path("schema").asText()).isEqualTo("berth.detect/v1");
    assertThat(report.path("stack").asText()).isEqualTo("jvm-dist");
    assertThat(report.path("jdk").path("floor").asInt()).isEqualTo(7);
    assertThat(report.path("jdk").path("runtime").asInt()).isEqualTo(17);
    assertThat(Files.readString(app.resolve(".berth/detect-report.json"))).isEqualTo(out.toString());
  }

  @Test
  void text_summaryOnSuccess() {
    Path app = Samples.l4WarJavax(tmp);

    int code = run("detect", app.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Detected jvm-war (javax)", "tomcat 9.0 (javax), context /legacy-portal");
  }

  @Test
  void ambiguous_exit4WithTheErrorTextOnStderr() {
    Path app = Samples.a1Ambiguous(tmp);

    int code = run("detect", app.toString());

    assertThat(code).isEqualTo(4);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).startsWith("ERROR [AMBIGUOUS] 2 runnable archives in target/ (exit 4)")
        .contains("Fix:         berth.yaml `artifact: target/app-1.0.jar`")
        .contains("Report:      " + app.resolve(".berth/detect-report.json"));
  }

  @Test
  void artifactOption_resolvesTheAmbiguity() {
    Path app = Samples.a1Ambiguous(tmp);

    assertThat(run("detect", app.toString(), "--artifact", "target/tool-1.0.jar")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("java -jar /app/target/tool-1.0.jar");
  }

  @Test
  void corruptArchive_exit8WithoutAStackTrace() {
    Path jar = Samples.corruptJar(tmp);

    int code = run("detect", jar.toString());

    assertThat(code).isEqualTo(8);
    assertThat(err.toString()).startsWith("ERROR [INCOMPLETE_INPUT]").contains("corrupt or truncated")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void lowConfidence_exit7_unlessAccepted() {
    Path app = Samples.l1dSourcedByHost(tmp);

    assertThat(run("detect", app.toString())).isEqualTo(7);
    assertThat(err.toString()).contains("LOW_CONFIDENCE");
    assertThat(run("detect", app.toString(), "--no-fail-on-low-confidence")).isZero();
  }

  @Test
  void invalidOverride_exit6() {
    Path app = Samples.b2Boot27(tmp);

    assertThat(run("detect", app.toString(), "--jdk", "11")).isEqualTo(6);
    assertThat(err.toString()).contains("below the bytecode floor 17");
  }
}
