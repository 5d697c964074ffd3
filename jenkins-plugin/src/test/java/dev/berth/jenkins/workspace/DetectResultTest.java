package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectResultTest {

  static DetectReport report(Outcome outcome, String stack, DetectReport.Problem error) {
    return new DetectReport(DetectReport.SCHEMA, "0.1.0", outcome, outcome.exitCode(), Confidence.HIGH, stack,
        "libdir", new DetectReport.Artifact("billing.jar", "libdir", null, null),
        Map.of("stack", new DetectReport.Decision("jvm-jar", Confidence.HIGH, List.of(
            new DetectReport.Evidence("start-script", "bin/start.sh", "java -cp lib/* com.acme.Main")))),
        new DetectReport.Jdk(11, 11, 8, 17, "floor-lts", null, null), null, null, null, null, null, null, null,
        null, null, null, null, List.of(new DetectReport.Warning("LOGS_NOT_ON_STDOUT", "logs go to app.log",
            "bin/start.sh", 3)), null, error);
  }

  @Test
  void of_okReport_isAMapOfPipelineSafeValues() {
    Map<String, Object> m = DetectResult.of(report(Outcome.OK, "jvm-jar", null), "dist/.berth/detect-report.json");

    assertThat(m).containsEntry("outcome", "OK").containsEntry("stack", "jvm-jar")
        .containsEntry("subtype", "libdir").containsEntry("confidence", "HIGH")
        .containsEntry("artifact", "billing.jar").containsEntry("jdkFloor", 11L)
        .containsEntry("reportFile", "dist/.berth/detect-report.json");
    assertThat(m.get("evidence")).isInstanceOf(ArrayList.class).asList()
        .containsExactly("start-script: bin/start.sh: java -cp lib/* com.acme.Main");
    assertThat(m.get("warnings")).asList().containsExactly("LOGS_NOT_ON_STDOUT: logs go to app.log (bin/start.sh)");
    assertThat(m.values()).allMatch(v -> v == null || v instanceof String || v instanceof Long
        || v instanceof Boolean || v instanceof ArrayList);
  }

  @Test
  void log_printsDecisionEvidenceAndWarnings() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DetectResult.log(report(Outcome.OK, "jvm-jar", null), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8)).contains(
        "[Berth] jvm-jar (libdir), confidence HIGH, artifact billing.jar, JDK floor 11",
        "[Berth]   evidence start-script: bin/start.sh: java -cp lib/* com.acme.Main",
        "[Berth]   warning LOGS_NOT_ON_STDOUT: logs go to app.log");
  }
}
