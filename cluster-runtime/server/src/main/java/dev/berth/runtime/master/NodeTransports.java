package dev.berth.runtime.master;

import java.util.ServiceLoader;

/** Finds the node transport on the classpath. */
public final class NodeTransports {

  private NodeTransports() {}

  /** The first registered transport, or one that no node can join when none is registered. */
  public static NodeTransport.Factory find() {
    return ServiceLoader.load(NodeTransport.Factory.class).findFirst().orElse(UnconnectedTransport.FACTORY);
  }

  /** Whether a real transport is registered. */
  public static boolean available() {
    return ServiceLoader.load(NodeTransport.Factory.class).findFirst().isPresent();
  }
}
