package dev.berth.runtime.master.transport;

import com.esotericsoftware.kryonet.Connection;
import dev.berth.runtime.wire.Handshake;
import dev.berth.runtime.wire.PendingRequests;

/**
 * One agent connection on the master: unverified until its proof matches, then bound to a node id. Fields are
 * touched on the transport's single executor thread, except the volatile ones the gateway reads.
 */
final class AgentSession extends Connection {

  final long openedAtNanos = System.nanoTime();
  final PendingRequests requests = new PendingRequests();
  String helloNodeId;
  Handshake handshake;
  volatile boolean verified;
  volatile String nodeId;
  /** When anything last arrived on this connection (heartbeats come every second). */
  volatile long lastHeardNanos = System.nanoTime();
}
