package dev.berth.runtime.master;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How the master reaches its nodes. Implementations register a {@link Factory} in
 * {@code META-INF/services/dev.berth.runtime.master.NodeTransport$Factory}; the master uses the first one found.
 */
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

    /**
     * Starts listening for agents.
     *
     * @param stateDir the master's state folder (where a join-token file may live)
     * @param bindHost the address to bind, e.g. {@code 0.0.0.0}
     * @param port the port (0 picks a free one)
     * @param inbox where node messages go
     */
    NodeTransport start(Path stateDir, String bindHost, int port, ClusterInbox inbox) throws IOException;
  }
}
