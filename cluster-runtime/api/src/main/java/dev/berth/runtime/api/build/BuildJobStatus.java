package dev.berth.runtime.api.build;

import java.time.Instant;
import java.util.List;

/**
 * One build job as the master sees it.
 *
 * @param id the job's id (e.g. {@code b-1a2b3c4d})
 * @param phase where the job is
 * @param app the application's name given with the request, or {@code null}
 * @param node the node that runs or ran it, or {@code null} before placement
 * @param exitCode the builder container's exit code once it ended, or {@code null}
 * @param message why the job waits or failed, or what it did; one sentence
 * @param image the image reference built (the request's first tag)
 * @param imageId the built image's id ({@code sha256:...}) once it succeeded, or {@code null}
 * @param digest the registry digest once pushed, or {@code null}
 * @param tags every tag requested
 * @param push whether the job pushes its tags
 * @param contextBytes the uploaded context's size, 0 before upload
 * @param submittedAt when the job was accepted
 * @param startedAt when a node was assigned, or {@code null}
 * @param finishedAt when it reached a final phase, or {@code null}
 * @param imageBytes the built image's size in its node's engine once it succeeded, or {@code null} when not known
 */
public record BuildJobStatus(
    String id,
    BuildJobPhase phase,
    String app,
    String node,
    Integer exitCode,
    String message,
    String image,
    String imageId,
    String digest,
    List<String> tags,
    boolean push,
    long contextBytes,
    Instant submittedAt,
    Instant startedAt,
    Instant finishedAt,
    Long imageBytes) {

  public BuildJobStatus {
    tags = tags == null ? List.of() : List.copyOf(tags);
    message = message == null ? "" : message;
  }

  /** Whether the job will not change any more. */
  public boolean finished() {
    return phase != null && phase.finished();
  }
}
