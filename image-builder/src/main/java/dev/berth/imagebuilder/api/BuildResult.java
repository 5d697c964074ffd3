package dev.berth.imagebuilder.api;

import java.util.List;

/**
 * A built image.
 *
 * @param image the image's name (the first tag)
 * @param tags every tag it got
 * @param imageId the image (config) ID, {@code sha256:…}
 * @param digest the registry manifest digest when pushed (or known), else {@code null}
 * @param pushed whether it was pushed to a registry
 * @param backend {@code engine} or {@code jib}
 * @param baseImage the base it was built FROM
 * @param offlineBase whether that base is one of Berth's offline bases
 * @param sizeBytes the image's size in the engine (as {@code docker images} shows it), or -1 when the image is in
 *     no engine (a daemonless build to a registry or a tar)
 */
public record BuildResult(
    String image,
    List<String> tags,
    String imageId,
    String digest,
    boolean pushed,
    String backend,
    String baseImage,
    boolean offlineBase,
    long sizeBytes) {

  public BuildResult {
    tags = List.copyOf(tags);
  }

  /** A result whose image size is not known. */
  public BuildResult(String image, List<String> tags, String imageId, String digest, boolean pushed, String backend,
      String baseImage, boolean offlineBase) {
    this(image, tags, imageId, digest, pushed, backend, baseImage, offlineBase, -1);
  }
}
