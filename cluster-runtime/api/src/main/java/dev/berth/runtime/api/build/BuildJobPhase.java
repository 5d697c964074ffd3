package dev.berth.runtime.api.build;

/** Where a build job is in its life; {@link #SUCCEEDED} and {@link #FAILED} are final. */
public enum BuildJobPhase {
  /** Accepted; its build context has not been uploaded yet. */
  SUBMITTED,
  /** Context uploaded, waiting for a ready node with room for it. */
  PENDING,
  /** Assigned to a node, which runs the builder container. */
  RUNNING,
  /** The image was built (and pushed when asked). */
  SUCCEEDED,
  /** The build failed, or the job was lost with its node. */
  FAILED;

  /** Whether the job will not change any more. */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
