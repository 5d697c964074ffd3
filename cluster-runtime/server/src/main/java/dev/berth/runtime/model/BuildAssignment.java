package dev.berth.runtime.model;

import java.util.List;
import java.util.Objects;

/**
 * A build job the master hands to one node: what to build; the node fetches the context from the master.
 *
 * @param jobId the job's id
 * @param tags image references; the first names the image
 * @param push whether to push the tags after building
 * @param baseImage a base overriding the catalog's, or {@code null}
 * @param offline whether only Berth's offline bases may be used
 * @param contextBytes the size of the context archive (tar.gz) the node fetches
 * @param contextSha256 the archive's SHA-256 in hex, checked after the fetch
 */
public record BuildAssignment(
    String jobId, List<String> tags, boolean push, String baseImage, boolean offline, long contextBytes,
    String contextSha256) {

  public BuildAssignment {
    Objects.requireNonNull(jobId, "jobId");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
