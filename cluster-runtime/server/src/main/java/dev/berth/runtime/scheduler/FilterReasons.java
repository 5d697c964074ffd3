package dev.berth.runtime.scheduler;

/** The named reasons a node does not take a replica; shown per node in "why pending". */
public final class FilterReasons {

  /** The node is down or disconnected. */
  public static final String NODE_NOT_READY = "NODE_NOT_READY";
  /** The node's labels do not meet a placement constraint. */
  public static final String CONSTRAINT_MISMATCH = "CONSTRAINT_MISMATCH";
  /** Not enough unrequested CPU. */
  public static final String INSUFFICIENT_CPU = "INSUFFICIENT_CPU";
  /** Not enough unrequested memory. */
  public static final String INSUFFICIENT_MEMORY = "INSUFFICIENT_MEMORY";
  /** No node has joined the cluster. */
  public static final String NO_NODES = "NO_NODES";

  private FilterReasons() {}
}
