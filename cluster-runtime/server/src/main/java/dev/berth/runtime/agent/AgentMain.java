package dev.berth.runtime.agent;

import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.EngineInfo;
import dev.berth.runtime.agent.docker.DockerContainerRuntime;
import dev.berth.runtime.agent.sync.AssignmentSync;
import dev.berth.runtime.agent.transport.MasterLink;
import dev.berth.runtime.agent.transport.NodeHandler;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;

/** Starts a node agent: the engine, the assignment sync, and the link to the master, in that order. */
public final class AgentMain {

  private AgentMain() {}

  /** Starts an agent on the engine named in {@code config}; logs to standard error. */
  public static RunningAgent start(AgentConfig config) {
    DockerContainerRuntime runtime = DockerContainerRuntime.connect(config.dockerHost());
    try {
      return start(config, runtime, true, System.err);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * Starts an agent on a given runtime (tests pass a fake one).
   *
   * @param ownsRuntime whether closing the agent closes the runtime
   * @throws IllegalStateException when the engine does not answer
   */
  public static RunningAgent start(AgentConfig config, ContainerRuntime runtime, boolean ownsRuntime,
      PrintStream log) {
    // The engine first: an agent that cannot run containers must not join.
    EngineInfo engine = runtime.info();
    NodeInfo node = new NodeInfo(config.nodeId(), config.address(), engine.cpus() * 1000L, engine.memoryBytes(),
        config.nodeLabels(), engine.version());
    AtomicReference<MasterLink> link = new AtomicReference<>();
    // The sync reports through the link; it adopts what it finds and changes nothing before an assignment.
    AssignmentSync sync = new AssignmentSync(runtime, config.nodeId(), config.stateDir().resolve("node-files"),
        config.containerLabels(), report -> {
          MasterLink l = link.get();
          if (l != null) {
            l.report(report);
          }
        });
    sync.start();
    // The link joins in the background and hands the master's messages to the sync.
    link.set(MasterLink.start(config.masterHost(), config.masterPort(), config.token(), node, new NodeHandler() {
      @Override
      public void joined() {
        sync.reportNow();
      }

      @Override
      public void assign(NodeAssignment assignment) {
        sync.assign(assignment);
      }

      @Override
      public String logs(String replicaId, int tailLines) {
        return sync.logs(replicaId, tailLines);
      }
    }, log));
    return new RunningAgent(link.get(), sync, runtime, ownsRuntime);
  }
}
