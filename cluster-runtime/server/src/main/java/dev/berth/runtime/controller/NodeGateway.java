package dev.berth.runtime.controller;

import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.NodeAssignment;
import java.util.concurrent.CompletableFuture;

/**
 * The master's way to talk to node agents (a port: Kryonet in production, a recording fake in tests).
 *
 * <p>Both methods are called from controller threads and must not block on the network: they queue the message
 * and return. Neither throws for an unreachable node.
 */
public interface NodeGateway {

  /**
   * Sends a node the complete set of replicas it must run; the latest assignment wins. When the node is not
   * connected the assignment is dropped: the master sends a fresh one after {@link ClusterInbox#nodeJoined}.
   */
  void assign(String nodeId, NodeAssignment assignment);

  /**
   * The last {@code tailLines} lines (stdout and stderr, in order) of a replica's current or last container.
   * The future fails with {@link NodeUnavailableException} when the node is not connected or the request times
   * out, and with {@link java.util.NoSuchElementException} when the node has no container for the replica.
   */
  CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines);

  /**
   * Hands a node a build job; it fetches the context through {@link ClusterInbox#buildContext} and reports through
   * {@link ClusterInbox#buildReport}. Queues and returns.
   *
   * @return whether the node is connected and the job was queued to it; {@code false} leaves the job unassigned
   */
  default boolean startBuild(String nodeId, BuildAssignment job) {
    return false;
  }

  /** Tells a node to stop a build job's builder; dropped when the node is not connected. Queues and returns. */
  default void cancelBuild(String nodeId, String jobId) {}
}
