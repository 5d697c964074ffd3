package dev.berth.runtime.model;

import java.util.List;
import java.util.Objects;

/**
 * The complete set of replicas one node must run. Level-based: a replica missing from the set is stopped and
 * removed; an assignment with a {@code generation} lower than one already applied is stale and ignored.
 *
 * @param nodeId the node this is for
 * @param generation increases with every assignment the master sends to this node (per master run)
 * @param replicas everything the node must run, nothing else
 */
public record NodeAssignment(String nodeId, long generation, List<ReplicaAssignment> replicas) {

  public NodeAssignment {
    Objects.requireNonNull(nodeId, "nodeId");
    replicas = replicas == null ? List.of() : List.copyOf(replicas);
  }
}
