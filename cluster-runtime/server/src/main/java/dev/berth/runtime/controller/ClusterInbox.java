package dev.berth.runtime.controller;

import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaObservation;
import java.time.Instant;
import java.util.List;

/**
 * What node agents tell the master (a port: implemented by the master, called by the transport once a node's
 * connection is verified).
 *
 * <p>Calls arrive on transport threads. Implementations record the fact and hand work to their queue; they
 * never block and never call back into the transport from inside these methods.
 */
public interface ClusterInbox {

  /**
   * A node connected and proved its join token (first join or a reconnect). The master answers, soon after,
   * with the node's full {@link dev.berth.runtime.model.NodeAssignment} through {@link NodeGateway#assign}.
   */
  void nodeJoined(NodeInfo node);

  /**
   * A heartbeat from a joined node.
   *
   * @param receivedAt when the master's transport received it, on the master's clock
   */
  void nodeHeartbeat(String nodeId, Instant receivedAt);

  /**
   * Everything the node observes of its assigned replicas, complete (not a delta): a replica the node was
   * assigned but does not list has no container there.
   */
  void nodeReport(String nodeId, List<ReplicaObservation> replicas);

  /**
   * The node's connection closed (the peer closed it, it was reset, or the transport's timeout fired).
   *
   * @param reason short machine-readable reason, e.g. {@code CLOSED}, {@code TIMEOUT}, {@code AUTH_FAILED}
   */
  void nodeDisconnected(String nodeId, String reason);

  /** A node's news about a build job it runs: phase and the log lines since its last report. */
  default void buildReport(String nodeId, BuildReport report) {}

  /**
   * Up to {@code maxBytes} of the context archive of a build job assigned to {@code nodeId}, from {@code offset}
   * on; empty at its end. A bounded read of a local file, the one inbox call that does I/O.
   *
   * @throws java.util.NoSuchElementException when the job is unknown or not assigned to that node
   */
  default byte[] buildContext(String nodeId, String jobId, long offset, int maxBytes) {
    throw new java.util.NoSuchElementException("build job " + jobId + " is not known to this master");
  }
}
