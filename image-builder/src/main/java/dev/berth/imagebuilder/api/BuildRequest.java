package dev.berth.imagebuilder.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to build: the app at {@code input} (a folder, jar, war, or zip/tar.gz dist), tagged {@code tags}.
 *
 * @param input the application, as for detection
 * @param tags image references; the first is the image's name
 * @param daemonless build with Jib instead of a Docker engine (JVM stacks only)
 * @param target where the image goes
 * @param baseImage an explicit base image, or {@code null} for the catalog's
 * @param offline {@code TRUE} forces the catalog's offline bases, {@code FALSE} the public ones, {@code null}
 *     picks: public when present or pullable, else offline
 * @param outputDir where the Dockerfile and build context are written; {@code null} for {@code .berth} next to
 *     the input
 * @param detectOptions overrides for detection
 */
public record BuildRequest(
    Path input,
    List<String> tags,
    boolean daemonless,
    BuildTarget target,
    String baseImage,
    Boolean offline,
    Path outputDir,
    DetectOptions detectOptions) {

  public BuildRequest {
    Objects.requireNonNull(input, "input");
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one tag (-t IMAGE)");
    }
    target = target == null ? new BuildTarget.Engine() : target;
    detectOptions = detectOptions == null ? DetectOptions.none() : detectOptions;
  }

  /** An engine build of {@code input} tagged {@code tag}, bases chosen automatically. */
  public static BuildRequest engine(Path input, String tag) {
    return new BuildRequest(input, List.of(tag), false, new BuildTarget.Engine(), null, null, null, null);
  }
}
