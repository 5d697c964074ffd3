package dev.berth.jenkins.workspace;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.report.DetectReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * What a build job on the Berth cluster receives: the application folder, packed as a tar.gz with its
 * {@code .dockerignore} applied. With a committed Dockerfile the node builds it as written; otherwise the node
 * detects and renders again (the public base when it can pull it, else Berth's offline one), so {@code .berth},
 * this machine's render, is left out.
 *
 * @param directory the application folder
 * @param committed whether it holds a hand-written {@code Dockerfile}
 * @param stack the detected stack, or empty for a committed Dockerfile
 */
public record BuildContext(Path directory, boolean committed, String stack) {

  /** Berth's render output, never sent: the node renders its own. */
  private static final Set<String> RENDERED = Set.of(".berth");

  /**
   * The context for {@code folder}. Detects first, so an app Berth cannot build fails here, not on a node.
   *
   * @throws IllegalArgumentException with the detection error's first line
   */
  public static BuildContext of(Path folder) {
    if (Files.isRegularFile(folder.resolve("Dockerfile"))) {
      return new BuildContext(folder, true, "");
    }
    // The same overrides berthDockerfile uses: berth.yaml applies, LOW confidence still builds.
    DetectOptions options = new DetectOptions(null, null, null, null, null, false, "step");
    try (Detection detection = ImageBuilder.detect(folder, options)) {
      DetectReport report = detection.report();
      if (report.outcome() != DetectReport.Outcome.OK) {
        throw new IllegalArgumentException(DetectReportText.error(report, null).strip().lines().findFirst()
            .orElse(report.outcome().name()));
      }
      return new BuildContext(folder, false, report.stack());
    }
  }

  /**
   * Writes the context to {@code file} as a tar.gz, as {@code docker build} would send it; returns its size.
   *
   * @throws IOException when a file cannot be read, or a {@code .dockerignore} pattern is not a glob (one line)
   */
  public long pack(Path file) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      ImageBuilder.writeContext(directory, committed ? Set.of() : RENDERED, out);
    }
    return Files.size(file);
  }
}
