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
 */
public record BuildResult(
    String image,
    List<String> tags,
    String imageId,
    String digest,
    boolean pushed,
    String backend,
    String baseImage,
    boolean offlineBase) {

  public BuildResult {
    tags = List.copyOf(tags);
  }
}
