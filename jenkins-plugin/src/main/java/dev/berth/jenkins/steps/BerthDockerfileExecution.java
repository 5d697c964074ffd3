package dev.berth.jenkins.steps;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.dockerfile.DockerfileException;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.report.DetectReportText;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code berthDockerfile}: keeps a Dockerfile committed in the application folder; otherwise detects and
 * renders the Dockerfile and build context into {@code <dir>/.berth}, as {@code berth dockerfile} does.
 */
final class BerthDockerfileExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  private final transient BerthDockerfileStep step;

  BerthDockerfileExecution(BerthDockerfileStep step, StepContext context) {
    super(context);
    this.step = step;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    PrintStream log = getContext().get(TaskListener.class).getLogger();
    StepWorkspace ws = StepWorkspace.of("berthDockerfile", getContext().get(FilePath.class), step.getDir());
    Path committed = ws.folder().resolve("Dockerfile");
    if (Files.isRegularFile(committed)) {
      log.println(StepMessages.format("BerthDockerfileStep.committed", ws.relative(committed)));
      return result(ws.relative(committed), ws.relative(ws.folder()), "", "", false);
    }
    // LOW confidence still renders: the user asked for a Dockerfile, and berthDetect is where to be strict.
    DetectOptions options = new DetectOptions(null, null, null, null, null, false, "step");
    try (Detection detection = ImageBuilder.detect(ws.folder(), options)) {
      DetectReport report = detection.report();
      if (report.outcome() != DetectReport.Outcome.OK) {
        throw new AbortException("berthDockerfile: " + DetectReportText.error(report, null).stripTrailing());
      }
      RenderOptions render = RenderOptions.into(ws.folder().resolve(".berth"))
          .baseImage(step.getBaseImage()).overwrite(step.isOverwrite());
      RenderedDockerfile out = DockerfileRenderer.standard().render(report, detection.root(), render);
      if (out.keptEdits()) {
        log.println(StepMessages.format("BerthDockerfileStep.keptEdits", ws.relative(out.directory())));
      } else {
        log.println("[Berth] Wrote " + ws.relative(out.dockerfile()) + " (stack " + out.stack() + ", template "
            + out.templateId() + ", FROM " + out.baseImage() + ")");
      }
      return result(ws.relative(out.dockerfile()), ws.relative(out.directory()), out.templateId(), out.baseImage(),
          !out.keptEdits());
    } catch (DockerfileException e) {
      throw new AbortException(StepMessages.format("BerthDockerfileStep.failed", e.getMessage()));
    }
  }

  private static LinkedHashMap<String, Object> result(
      String dockerfile, String directory, String template, String baseImage, boolean generated) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("dockerfile", dockerfile);
    m.put("directory", directory);
    m.put("template", template);
    m.put("baseImage", baseImage);
    m.put("generated", generated);
    return m;
  }
}
