package dev.berth.jenkins.steps;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.report.DetectReportJson;
import dev.berth.imagebuilder.report.DetectReportText;
import dev.berth.jenkins.workspace.DetectResult;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code berthDetect}: detection on the application folder, the report written to
 * {@code <dir>/.berth/detect-report.json} (also when detection fails, so it can be archived), then the result map or
 * the detection error text as the build's failure.
 */
final class BerthDetectExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  private final transient BerthDetectStep step;

  BerthDetectExecution(BerthDetectStep step, StepContext context) {
    super(context);
    this.step = step;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    PrintStream log = getContext().get(TaskListener.class).getLogger();
    StepWorkspace ws = StepWorkspace.of("berthDetect", getContext().get(FilePath.class), step.getDir());
    DetectOptions options = new DetectOptions(null, null, null, null, null, step.isFailOnLowConfidence(), "step");
    try (Detection detection = ImageBuilder.detect(ws.folder(), options)) {
      DetectReport report = detection.report();
      Path file = ws.folder().resolve(".berth").resolve("detect-report.json");
      Files.createDirectories(file.getParent());
      DetectReportJson.write(report, file);
      String reportFile = ws.relative(file);
      BuildPage page = BuildPage.of(getContext(), log);
      if (report.outcome() != DetectReport.Outcome.OK) {
        page.detected(Map.of("outcome", report.outcome().name(), "reportFile", reportFile));
        throw new AbortException("berthDetect: " + DetectReportText.error(report, reportFile).stripTrailing());
      }
      DetectResult.log(report, log);
      if (report.confidence() == DetectReport.Confidence.LOW) {
        log.println("[Berth] LOW confidence: check the evidence above, or pin the stack in berth.yaml;"
            + " failOnLowConfidence: true fails the build instead");
      }
      log.println("[Berth] Report: " + reportFile);
      Map<String, Object> result = DetectResult.of(report, reportFile);
      page.detected(result);
      return result;
    }
  }
}
