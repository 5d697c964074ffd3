package dev.berth.runtime.master.transport;

import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.master.NodeTransport;
import java.io.IOException;
import java.nio.file.Path;

/** Registers the Kryonet transport with the master (found through {@code ServiceLoader}). */
public final class KryonetTransportFactory implements NodeTransport.Factory {

  @Override
  public NodeTransport start(Path stateDir, String bindHost, int port, ClusterInbox inbox) throws IOException {
    return KryonetNodeTransport.start(stateDir, bindHost, port, inbox, System.err);
  }
}
