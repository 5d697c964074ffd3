package dev.berth.imagebuilder.dockerfile;

import dev.berth.imagebuilder.api.ImagePlan;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A rendered, self-contained build context: {@code docker build directory} works as is.
 *
 * @param directory the output folder ({@code Dockerfile}, {@code .dockerignore}, {@code detect-report.json},
 *     {@code context/})
 * @param stack the detected stack id
 * @param templateId the template used ({@code jvm-boot/jar} …)
 * @param baseId catalog id of the (run stage's) base, e.g. {@code jre-17}; a builder may swap its public image
 *     for the offline one
 * @param baseImage the image the Dockerfile starts FROM
 * @param buildBaseId catalog id of the build stage's base for multi-stage templates (go), else {@code null}
 * @param keptEdits whether a hand-edited Dockerfile already in {@code directory} was kept instead of regenerated
 * @param plan the final image as data for a daemonless build, or {@code null} when the Dockerfile runs commands
 *     (RUN, build stages) that only an engine can run
 */
public record RenderedDockerfile(
    Path directory,
    String stack,
    String templateId,
    String baseId,
    String baseImage,
    String buildBaseId,
    boolean keptEdits,
    ImagePlan plan) {

  public RenderedDockerfile {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(baseId, "baseId");
    Objects.requireNonNull(baseImage, "baseImage");
  }

  /** The Dockerfile's path. */
  public Path dockerfile() {
    return directory.resolve("Dockerfile");
  }

  /** Whether a daemonless backend can build the same image from {@link #plan()}. */
  public boolean daemonless() {
    return plan != null;
  }
}
