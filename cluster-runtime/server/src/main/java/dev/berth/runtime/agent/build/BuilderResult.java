package dev.berth.runtime.agent.build;

import java.util.List;

/**
 * What the builder writes to its {@code --result-file}: the fields of image-builder's build result the job reports.
 *
 * @param image the image's name (first tag)
 * @param tags every tag
 * @param imageId the image id, {@code sha256:...}
 * @param digest the registry digest when pushed, else {@code null}
 * @param pushed whether it was pushed
 * @param sizeBytes the image's size in the node's engine, or -1 when not known
 */
public record BuilderResult(
    String image, List<String> tags, String imageId, String digest, boolean pushed, Long sizeBytes) {

  public BuilderResult {
    sizeBytes = sizeBytes == null ? -1L : sizeBytes;
  }
}
