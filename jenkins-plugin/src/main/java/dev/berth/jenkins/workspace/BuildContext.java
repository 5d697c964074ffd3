package dev.berth.jenkins.workspace;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.dockerfile.DockerfileException;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.report.DetectReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The build context a build job on the Berth cluster receives: the application folder when it holds a committed
 * Dockerfile, else the Dockerfile and context Berth renders into {@code <folder>/.berth} (as {@code berthDockerfile}
 * does, keeping hand edits there), packed as a tar.gz with its {@code .dockerignore} applied.
 *
 * @param directory the folder whose {@code Dockerfile} is built
 * @param committed whether that Dockerfile was written by hand rather than rendered
 */
public record BuildContext(Path directory, boolean committed) {

  /**
   * The context for {@code folder}, rendered when it has no committed Dockerfile.
   *
   * @throws IllegalArgumentException with the detection error text or the renderer's message
   */
  public static BuildContext of(Path folder) {
    if (Files.isRegularFile(folder.resolve("Dockerfile"))) {
      return new BuildContext(folder, true);
    }
    // The same overrides berthDockerfile uses: berth.yaml applies, LOW confidence still builds.
    DetectOptions options = new DetectOptions(null, null, null, null, null, false, "step");
    try (Detection detection = ImageBuilder.detect(folder, options)) {
      DetectReport report = detection.report();
      if (report.outcome() != DetectReport.Outcome.OK) {
        throw new IllegalArgumentException(DetectReportText.error(report, null).strip().lines().findFirst()
            .orElse(report.outcome().name()));
      }
      return new BuildContext(DockerfileRenderer.standard()
          .render(report, detection.root(), RenderOptions.into(folder.resolve(".berth"))).directory(), false);
    } catch (DockerfileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Writes the context to {@code file} as a tar.gz, as {@code docker build} would send it; returns its size. */
  public long pack(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      ImageBuilder.writeContext(directory, out);
    }
    return Files.size(file);
  }
}
