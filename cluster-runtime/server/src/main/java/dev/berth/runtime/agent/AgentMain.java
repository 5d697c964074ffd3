package dev.berth.runtime.agent;

import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.runtime.agent.build.BuildJobRunner;
import dev.berth.runtime.agent.build.BuilderClasspath;
import dev.berth.runtime.agent.build.MasterChannel;
import dev.berth.runtime.agent.build.OfflineBuilderBases;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.EngineInfo;
import dev.berth.runtime.agent.docker.DockerContainerRuntime;
import dev.berth.runtime.agent.sync.AssignmentSync;
import dev.berth.runtime.agent.transport.MasterLink;
import dev.berth.runtime.agent.transport.NodeHandler;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        }, log);
    sync.start();
    BuildJobRunner builds = new BuildJobRunner(runtime, config.nodeId(), config.stateDir().resolve("build-jobs"),
        config.containerLabels(), channel(link), new OfflineBuilderBases(BaseImages::shared),
        BuilderClasspath.current(), dockerSocket(config.dockerHost()), log);
    builds.withDockerConfig(RegistryAuth.fromProcess().dockerConfig()).start();
    // The link joins in the background and hands the master's messages to the sync.
    link.set(MasterLink.start(config.masterHost(), config.masterPort(), config.token(), node, new NodeHandler() {
      @Override
      public void joined() {
        sync.reportNow();
        builds.joined();
      }

      @Override
      public void build(BuildAssignment job) {
        builds.submit(job);
      }

      @Override
      public void cancelBuild(String jobId) {
        builds.cancel(jobId);
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
    return new RunningAgent(link.get(), sync, builds, runtime, ownsRuntime);
  }

  /** The engine's unix socket on this host, or null when it is reached over TCP. */
  static String dockerSocket(String dockerHost) {
    String host = dockerHost != null ? dockerHost : System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      return "/var/run/docker.sock";
    }
    return host.startsWith("unix://") ? host.substring("unix://".length()) : null;
  }

  private static MasterChannel channel(AtomicReference<MasterLink> link) {
    return new MasterChannel() {
      @Override
      public byte[] contextChunk(String jobId, long offset, int maxBytes) throws IOException {
        MasterLink l = link.get();
        if (l == null) {
          throw new IOException("not connected to the master yet");
        }
        try {
          return l.buildContext(jobId, offset, maxBytes, BuildJobRunner.CHUNK_TIMEOUT_MILLIS)
              .get(BuildJobRunner.CHUNK_TIMEOUT_MILLIS + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          throw new IOException("fetching the build context failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
          throw new IOException("the master did not send the build context in time", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while fetching the build context", e);
        }
      }

      @Override
      public boolean report(BuildReport report) {
        MasterLink l = link.get();
        return l != null && l.buildReport(report);
      }
    };
  }
}
