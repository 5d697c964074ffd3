package dev.berth.jenkins.workspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An image {@code berthBuild} built, whichever builder built it.
 *
 * @param image the first reference it was tagged with
 * @param tags every reference it was tagged with
 * @param imageId the image (config) ID, {@code sha256:…}, or empty when the builder did not report one
 * @param digest the registry manifest digest, or empty when the image was not pushed
 * @param pushed whether it was pushed to its registry
 * @param builder {@code docker}, {@code jib} or {@code cluster}
 * @param baseImage the image it was built FROM, or empty when unknown
 * @param tarFile the {@code docker load}-able tar a daemonless build wrote (the step names it relative to the
 *     workspace), or empty
 * @param durationMs how long the build took
 * @param sizeBytes the image's size in the engine that built it (as {@code docker images} shows it), or -1 when it is
 *     in no engine (a daemonless build to a registry or a tar)
 */
public record BuiltImage(
    String image,
    List<String> tags,
    String imageId,
    String digest,
    boolean pushed,
    String builder,
    String baseImage,
    String tarFile,
    long durationMs,
    long sizeBytes) {

  /** An image whose size is not known. */
  public BuiltImage(String image, List<String> tags, String imageId, String digest, boolean pushed, String builder,
      String baseImage, String tarFile, long durationMs) {
    this(image, tags, imageId, digest, pushed, builder, baseImage, tarFile, durationMs, -1);
  }

  public BuiltImage {
    tags = List.copyOf(tags);
    imageId = imageId == null ? "" : imageId;
    digest = digest == null ? "" : digest;
    baseImage = baseImage == null ? "" : baseImage;
    tarFile = tarFile == null ? "" : tarFile;
  }

  /** The step's result: String, Boolean, Long and {@code ArrayList<String>} values only (JENKINS.md §3.2). */
  public LinkedHashMap<String, Object> toMap() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("image", image);
    m.put("reference", deployReference());
    m.put("tags", new ArrayList<>(tags));
    m.put("imageId", imageId);
    m.put("digest", digest);
    m.put("pushed", pushed);
    m.put("builder", builder);
    m.put("baseImage", baseImage);
    m.put("tarFile", tarFile);
    m.put("sizeBytes", sizeBytes);
    m.put("durationMs", durationMs);
    return m;
  }

  /**
   * The reference to deploy ({@code reference} in the map): pinned to the digest when pushed, else the image. An
   * image already pinned (the build page records the reference a deploy used) keeps only its repository.
   */
  public String deployReference() {
    if (digest.isEmpty()) {
      return image;
    }
    int at = image.indexOf('@');
    String unpinned = at < 0 ? image : image.substring(0, at);
    int colon = unpinned.lastIndexOf(':');
    String repository = colon > unpinned.lastIndexOf('/') ? unpinned.substring(0, colon) : unpinned;
    return repository + "@" + digest;
  }
}
