package dev.berth.runtime.model;

/** Where a replica's container is in its life, as the node agent observes it. */
public enum ReplicaState {
  /** The agent is pulling, creating or starting the container. */
  STARTING,
  /** The container's main process runs. */
  RUNNING,
  /** The container's main process ended; exit code, OOM flag and last log lines tell why. */
  EXITED,
  /** The engine could not create or start the container (bad command, port clash); the message says why. */
  START_FAILED,
  /** The image is not on the node and could not be pulled. */
  IMAGE_MISSING
}
