package dev.berth.runtime.scheduler;

import dev.berth.runtime.api.spec.PlacementConstraint;
import java.util.List;
import java.util.Objects;

/**
 * One replica to place.
 *
 * @param replicaId the replica
 * @param appKey its app, for spreading
 * @param cpuMillis CPU it requests
 * @param memoryBytes memory it requests
 * @param constraints rules on node labels
 */
public record PlacementRequest(
    String replicaId, String appKey, long cpuMillis, long memoryBytes, List<PlacementConstraint> constraints) {

  public PlacementRequest {
    Objects.requireNonNull(replicaId, "replicaId");
    Objects.requireNonNull(appKey, "appKey");
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }
}
