package dev.berth.runtime.controller;

import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.reconcile.NodeAssignments;
import dev.berth.runtime.store.StateStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends each node its full assignment from the current desired state. Keys are node ids; a burst of changes to
 * one node collapses into one send. Generations grow per node so agents drop stale assignments.
 */
public final class NodeSyncController implements Reconciler<String> {

  private final StateStore store;
  private final NodeGateway gateway;
  private final NodeAssignments assignments;
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  private final long epoch;

  /**
   * @param epoch added to every generation, so a restarted master (epoch = its start time in ms × 1000) never sends
   *     a generation below one an agent already applied
   */
  public NodeSyncController(StateStore store, NodeGateway gateway, NodeAssignments assignments, long epoch) {
    this.store = store;
    this.gateway = gateway;
    this.assignments = assignments;
    this.epoch = epoch;
  }

  @Override
  public Duration reconcile(String nodeId) {
    long generation = generations.merge(nodeId, epoch + 1, (a, b) -> a + 1);
    NodeAssignment assignment = assignments.forNode(nodeId, store.snapshot(), generation);
    gateway.assign(nodeId, assignment);
    return null;
  }
}
