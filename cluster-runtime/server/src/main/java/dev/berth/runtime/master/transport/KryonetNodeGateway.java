package dev.berth.runtime.master.transport;

import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.controller.NodeUnavailableException;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.wire.LogsMessage;
import dev.berth.runtime.wire.LogsRequestMessage;
import dev.berth.runtime.wire.RequestMessage;
import dev.berth.runtime.wire.ResponseMessage;
import dev.berth.runtime.wire.WireTranslator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * The controllers' {@link NodeGateway} over Kryonet: serializes on the caller's thread and queues the frame in the
 * node's connection; never blocks on the network. An assignment for a node that is not connected is dropped.
 */
public final class KryonetNodeGateway implements NodeGateway {

  /** How long a logs request waits for the node. */
  static final long LOGS_TIMEOUT_MILLIS = 10_000;

  private final KryonetNodeTransport transport;

  KryonetNodeGateway(KryonetNodeTransport transport) {
    this.transport = transport;
  }

  @Override
  public void assign(String nodeId, NodeAssignment assignment) {
    AgentSession session = transport.session(nodeId);
    if (session != null) {
      transport.send(session, WireTranslator.toMessage(assignment));
    }
  }

  @Override
  public boolean startBuild(String nodeId, BuildAssignment job) {
    AgentSession session = transport.session(nodeId);
    if (session == null) {
      return false;
    }
    transport.send(session, WireTranslator.toMessage(job));
    return true;
  }

  @Override
  public void cancelBuild(String nodeId, String jobId) {
    AgentSession session = transport.session(nodeId);
    if (session != null) {
      transport.send(session, new dev.berth.runtime.wire.BuildCancelMessage(jobId));
    }
  }

  @Override
  public CompletableFuture<String> logs(String nodeId, String replicaId, int tailLines) {
    AgentSession session = transport.session(nodeId);
    if (session == null) {
      return CompletableFuture.failedFuture(new NodeUnavailableException(nodeId, "not connected"));
    }
    CompletableFuture<Object> answer = new CompletableFuture<>();
    RequestMessage request =
        session.requests.open(new LogsRequestMessage(replicaId, tailLines), LOGS_TIMEOUT_MILLIS, answer);
    transport.send(session, request);
    return answer.thenApply(body -> ((LogsMessage) body).text());
  }

  /** The exception a failed response maps to. */
  static RuntimeException failure(String nodeId, ResponseMessage response) {
    String text = String.valueOf(response.body());
    return ResponseMessage.NOT_FOUND.equals(response.status())
        ? new NoSuchElementException(text)
        : new NodeUnavailableException(nodeId, text);
  }
}
