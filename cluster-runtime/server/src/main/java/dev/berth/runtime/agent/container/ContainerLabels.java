package dev.berth.runtime.agent.container;

/**
 * How Berth marks the containers it owns, so an agent finds (and re-adopts) its containers after a restart by
 * listing the engine, with no local state.
 */
public final class ContainerLabels {

  public static final String MANAGED = "berth.managed";
  public static final String NODE = "berth.node";
  public static final String APP = "berth.app";
  public static final String REPLICA = "berth.replica";
  public static final String REVISION = "berth.revision";
  public static final String ATTEMPT = "berth.attempt";

  private ContainerLabels() {}
}
