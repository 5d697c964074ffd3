package dev.berth.runtime.cli;

import dev.berth.runtime.agent.AgentConfig;
import dev.berth.runtime.agent.AgentMain;
import dev.berth.runtime.agent.RunningAgent;
import dev.berth.runtime.master.ApiToken;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.NodeTransports;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth up}: the embedded default: a master and one node agent on the local engine in one process, joined
 * over loopback Kryonet exactly as separate machines would be, with all state in one folder. Runs until stopped;
 * the apps' containers keep running and are adopted by the next {@code up}.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run a master and one node agent on the local Docker engine in one process (the embedded default).",
      "State (desired apps, API and join tokens) lives in --state; apps' containers outlive the process and are"
          + " adopted again."
    })
public final class UpCommand implements Callable<Integer> {

  @Option(names = "--state", paramLabel = "DIR", description = "State folder (default: $BERTH_STATE/cluster)")
  Path state;

  @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "7070", description = "HTTP API port (default: ${DEFAULT-VALUE})")
  int apiPort;

  @Option(names = "--node-id", paramLabel = "ID", defaultValue = "local", description = "The node's name (default: ${DEFAULT-VALUE})")
  String nodeId;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = state != null ? state : ClusterOptions.defaultStateDir();
    if (!NodeTransports.available()) {
      err.println("ERROR this berth build has no node transport (Kryonet); rebuild the CLI with ./berth");
      return 1;
    }
    MasterMain master;
    try {
      master = MasterMain.start(new MasterConfig(dir, "127.0.0.1", apiPort, 0, null), NodeTransports.find(), System.err);
    } catch (BindException e) {
      err.println("ERROR port " + apiPort + " is in use (" + e.getMessage() + "); is berth up already running?"
          + " Stop it, or pass --api-port");
      return 1;
    } catch (StoreException | IllegalStateException e) {
      err.println("ERROR " + e.getMessage());
      return 1;
    }
    RunningAgent agent;
    try {
      // The agent joins like any other: the master's join token, over loopback.
      agent =
          AgentMain.start(
              new AgentConfig(
                  "127.0.0.1", master.nodePort(), JoinTokenFile.readOrCreate(dir), nodeId, "127.0.0.1", null, dir,
                  Map.of(), Map.of()));
    } catch (RuntimeException | IOException e) {
      err.println("ERROR the node agent did not start: " + e.getMessage());
      master.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeQuietly(agent);
      master.close();
      stopped.countDown();
    }, "berth-up-stop"));
    out.println("berth up: master API http://127.0.0.1:" + master.apiPort() + ", node " + nodeId + " on the local engine"
        + " (agent joined on port " + master.nodePort() + ")");
    out.println("berth up: state in " + dir.toAbsolutePath() + " (API token in " + dir.resolve(ApiToken.FILE_NAME) + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private static void closeQuietly(RunningAgent agent) {
    try {
      agent.close();
    } catch (RuntimeException e) {
      // Exiting anyway.
    }
  }
}
