package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.testing.Samples;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthDetect on the detection corpus' sample apps, through a test StepContext. */
class BerthDetectExecutionTest {

  @TempDir Path ws;
  final RecordingListener listener = new RecordingListener();

  Map<String, Object> run(BerthDetectStep step) throws Exception {
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener)
        .with(FilePath.class, TestStepContext.workspace(ws));
    return ((BerthDetectExecution) step.start(context)).run();
  }

  @Test
  void run_legacyJarWithClassPath_returnsTheReportAndWritesItIntoDotBerth() throws Exception {
    Path app = Samples.l2JarClasspath(ws);
    BerthDetectStep step = new BerthDetectStep();
    step.setDir(ws.relativize(app).toString());

    Map<String, Object> result = run(step);

    assertThat(result).containsEntry("outcome", "OK").containsEntry("stack", "jvm-jar")
        .containsEntry("artifact", "orders.jar")
        .containsEntry("reportFile", "l2-jar-classpath/.berth/detect-report.json");
    assertThat(result.get("evidence")).asList().isNotEmpty();
    assertThat(app.resolve(".berth/detect-report.json")).content().contains("\"stack\" : \"jvm-jar\"");
    assertThat(listener.text()).contains("[Berth] jvm-jar").contains("Report: l2-jar-classpath/.berth/");
  }

  @Test
  void run_twoRunnableJars_failsWithTheDetectionErrorText() {
    Path app = Samples.a1Ambiguous(ws);
    BerthDetectStep step = new BerthDetectStep();
    step.setDir(ws.relativize(app).toString());

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDetect: ERROR [AMBIGUOUS]")
        .hasMessageContaining("target/app-1.0.jar").hasMessageContaining("target/tool-1.0.jar")
        .hasMessageContaining("Fix:")
        .hasMessageContaining("Report:      a1-ambiguous/.berth/detect-report.json");
    assertThat(app.resolve(".berth/detect-report.json")).exists();
  }

  @Test
  void run_emptyWorkspace_failsAsUnknown() {
    assertThatThrownBy(() -> run(new BerthDetectStep())).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDetect: ERROR [UNKNOWN_STACK]");
  }
}
