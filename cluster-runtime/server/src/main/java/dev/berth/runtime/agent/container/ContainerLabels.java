package dev.berth.runtime.agent.container;

import dev.berth.runtime.model.NodeJvmSizing;

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
  /** Where a replica's JVM flags came from ({@link NodeJvmSizing#LABEL}). */
  public static final String JVM_SIZING = NodeJvmSizing.LABEL;
  /**
   * What a managed container is for when it is not a replica: {@code build} for a build job's builder. Such
   * containers carry {@link #BUILD_NODE}, never {@link #NODE}, so the replica sync does not take them for its own.
   */
  public static final String ROLE = "berth.role";
  public static final String BUILD_JOB = "berth.build-job";
  public static final String BUILD_NODE = "berth.build-node";

  private ContainerLabels() {}
}
