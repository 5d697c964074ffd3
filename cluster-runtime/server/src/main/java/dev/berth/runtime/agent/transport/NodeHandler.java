package dev.berth.runtime.agent.transport;

import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.NodeAssignment;

/** What the master's messages ask of the node; called on the link's executor, one call at a time. */
public interface NodeHandler {

  /** The link joined (first time or after a reconnect): report everything soon. */
  void joined();

  /** The node's new assignment. */
  void assign(NodeAssignment assignment);

  /**
   * The last lines of a replica's container.
   *
   * @throws java.util.NoSuchElementException when the node has no container for it
   */
  String logs(String replicaId, int tailLines);

  /** A build job to run; returns at once (the job runs on its own thread). */
  default void build(BuildAssignment job) {}

  /** A build job was cancelled: stop its builder. */
  default void cancelBuild(String jobId) {}
}
