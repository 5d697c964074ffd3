package dev.berth.runtime.master;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.controller.NodeUnavailableException;
import dev.berth.runtime.model.NodeAssignment;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The transport of a master that no node can join (no node transport on the classpath): desired state is kept
 * and served, and every replica stays pending with the reason that no node has joined.
 */
final class UnconnectedTransport implements NodeTransport, NodeGateway {

  static final NodeTransport.Factory FACTORY = (Path stateDir, String host, int port, ClusterInbox inbox) -> new UnconnectedTransport();

  @Override
  public NodeGateway gateway() {
    return this;
  }

  @Override
  public int port() {
    return -1;
  }

  @Override
  public void assign(String nodeId, NodeAssignment assignment) {
    // No node can be connected, so there is nobody to tell.
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    return CompletableFuture.failedFuture(new NodeUnavailableException(nodeId, "this master has no node transport"));
  }

  @Override
  public void close() {}
}
