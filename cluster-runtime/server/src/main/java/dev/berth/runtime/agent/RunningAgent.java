package dev.berth.runtime.agent;

import dev.berth.runtime.agent.build.BuildJobRunner;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.sync.AssignmentSync;
import dev.berth.runtime.agent.transport.MasterLink;

/**
 * A started agent. Closing it stops syncing and disconnects; the containers keep running, and the next agent for
 * the same node adopts them.
 */
public final class RunningAgent implements AutoCloseable {

  private final MasterLink link;
  private final AssignmentSync sync;
  private final BuildJobRunner builds;
  private final ContainerRuntime runtime;
  private final boolean ownsRuntime;

  RunningAgent(MasterLink link, AssignmentSync sync, BuildJobRunner builds, ContainerRuntime runtime,
      boolean ownsRuntime) {
    this.link = link;
    this.builds = builds;
    this.sync = sync;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
  }

  /** Whether the agent has joined its master and is connected now. */
  public boolean joined() {
    return link.joined();
  }

  /** The master's last refusal reason (e.g. {@code AUTH_FAILED}), or null. */
  public String lastRefusal() {
    return link.lastRefusal();
  }

  @Override
  public void close() {
    link.close();
    builds.close();
    sync.close();
    if (ownsRuntime) {
      runtime.close();
    }
  }
}
