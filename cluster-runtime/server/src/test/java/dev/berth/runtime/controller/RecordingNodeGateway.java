package dev.berth.runtime.controller;

import dev.berth.runtime.model.NodeAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A {@link NodeGateway} that records every assignment instead of sending it. */
final class RecordingNodeGateway implements NodeGateway {

  final List<NodeAssignment> sent = new ArrayList<>();
  final Map<String, String> logs = new HashMap<>();

  @Override
  public synchronized void assign(String nodeId, NodeAssignment assignment) {
    sent.add(assignment);
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    String text = logs.get(replicaId);
    return text == null
        ? CompletableFuture.failedFuture(new NodeUnavailableException(nodeId, "no logs recorded"))
        : CompletableFuture.completedFuture(text);
  }

  /** The latest assignment sent to {@code nodeId}, or {@code null}. */
  synchronized NodeAssignment latest(String nodeId) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).nodeId().equals(nodeId)) {
        return sent.get(i);
      }
    }
    return null;
  }
}
