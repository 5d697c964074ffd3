package dev.berth.runtime.controller;

/** A request to a node agent could not be answered: the node is not connected, or it did not reply in time. */
public final class NodeUnavailableException extends RuntimeException {

  private final String nodeId;

  public NodeUnavailableException(String nodeId, String reason) {
    super("node " + nodeId + " is unavailable: " + reason);
    this.nodeId = nodeId;
  }

  /** The node that did not answer. */
  public String nodeId() {
    return nodeId;
  }
}
