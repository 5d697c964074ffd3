package dev.berth.imagebuilder.dockerfile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * How to render a Dockerfile and its build context.
 *
 * @param outputDir the folder to write ({@code Dockerfile}, {@code .dockerignore}, {@code detect-report.json},
 *     {@code context/}); replaced as a whole, only once rendering succeeded
 * @param baseImage an explicit base image for the (run stage's) {@code FROM}, or {@code null} for the catalog's
 * @param offline use the catalog's offline base (built by {@code berth base-images}) instead of the public one
 * @param overwrite regenerate the Dockerfile even when the one in {@code outputDir} was edited by hand
 * @param fileTime modification time of every context file, so contexts are byte-for-byte reproducible
 * @param linkFromRoot hard-link the layer files from the detection root instead of copying them (where the file
 *     system allows): only for a root that is detection's own unpacked copy, since the context's fixed modes and
 *     times then apply to the root's files too
 */
public record RenderOptions(
    Path outputDir, String baseImage, boolean offline, boolean overwrite, Instant fileTime, boolean linkFromRoot) {

  /** 1980-01-01, the earliest time zip and tar tools agree on; the default context file time. */
  public static final Instant DEFAULT_FILE_TIME = Instant.parse("1980-01-01T00:00:00Z");

  public RenderOptions {
    Objects.requireNonNull(outputDir, "outputDir");
    baseImage = baseImage == null || baseImage.isBlank() ? null : baseImage.trim();
    fileTime = fileTime == null ? DEFAULT_FILE_TIME : fileTime;
  }

  /** Options that copy the layer files. */
  public RenderOptions(Path outputDir, String baseImage, boolean offline, boolean overwrite, Instant fileTime) {
    this(outputDir, baseImage, offline, overwrite, fileTime, false);
  }

  /** Public catalog bases, hand edits kept, default file time. */
  public static RenderOptions into(Path outputDir) {
    return new RenderOptions(outputDir, null, false, false, DEFAULT_FILE_TIME);
  }

  /** The same options with the offline bases. */
  public RenderOptions offline(boolean offline) {
    return new RenderOptions(outputDir, baseImage, offline, overwrite, fileTime, linkFromRoot);
  }

  /** The same options with an explicit base image ({@code null} for the catalog's). */
  public RenderOptions baseImage(String image) {
    return new RenderOptions(outputDir, image, offline, overwrite, fileTime, linkFromRoot);
  }

  /** The same options, regenerating a hand-edited Dockerfile or not. */
  public RenderOptions overwrite(boolean overwrite) {
    return new RenderOptions(outputDir, baseImage, offline, overwrite, fileTime, linkFromRoot);
  }

  /** The same options, hard-linking the layer files from a disposable root or not. */
  public RenderOptions linkFromRoot(boolean link) {
    return new RenderOptions(outputDir, baseImage, offline, overwrite, fileTime, link);
  }
}
