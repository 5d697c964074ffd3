package dev.berth.runtime.master;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import java.io.IOException;

/** How the master reaches its nodes: Kryonet in production; the composition root picks one. */
public interface NodeTransport extends AutoCloseable {

  /** Where the master sends assignments and asks for logs. */
  NodeGateway gateway();

  /** The port agents join on. */
  int port();

  @Override
  void close();

  /** Starts a transport that reports what nodes say to {@code inbox}. */
  @FunctionalInterface
  interface Factory {
    NodeTransport start(int port, ClusterInbox inbox) throws IOException;
  }
}
