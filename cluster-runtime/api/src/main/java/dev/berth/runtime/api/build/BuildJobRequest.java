package dev.berth.runtime.api.build;

import java.util.List;

/**
 * What a client asks the cluster to build: the context travels apart, as a tar.gz upload.
 *
 * @param tags image references to tag; the first names the image (e.g. {@code 127.0.0.1:5000/shop:1.4})
 * @param push whether to push every tag to its registry after the build
 * @param baseImage a base image overriding the Dockerfile's {@code FROM}, or {@code null}
 * @param offline whether the build must use only Berth's offline base images (no registry pulls)
 * @param app the application's name, for display only, or {@code null}
 */
public record BuildJobRequest(List<String> tags, boolean push, String baseImage, boolean offline, String app) {

  public BuildJobRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
    baseImage = baseImage == null || baseImage.isBlank() ? null : baseImage;
    app = app == null || app.isBlank() ? null : app;
  }

  /** A request for one image reference, offline, not pushed. */
  public static BuildJobRequest of(String image) {
    return new BuildJobRequest(List.of(image), false, null, true, null);
  }

  /** The image the job builds: the first tag, or {@code null} when none was given. */
  public String image() {
    return tags.isEmpty() ? null : tags.get(0);
  }
}
