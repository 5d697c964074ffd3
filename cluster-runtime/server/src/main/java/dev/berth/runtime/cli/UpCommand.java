package dev.berth.runtime.cli;

import com.github.dockerjava.api.DockerClient;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.runtime.embedded.EmbeddedNode;
import dev.berth.runtime.master.ApiToken;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.store.StoreException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth up}: the embedded default: a master and one node on the local engine in one process, with its state
 * in one folder. Runs until stopped; the apps' containers keep running and are adopted by the next {@code up}.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run a master and one node on the local Docker engine in one process (the embedded default).",
      "State (desired apps, API token) lives in --state; apps' containers outlive the process and are adopted again."
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
    DockerClient docker = DockerClients.local();
    MasterMain master;
    try {
      master =
          MasterMain.start(
              new MasterConfig(dir, "127.0.0.1", apiPort, 0, null), EmbeddedNode.factory(docker, nodeId), System.err);
    } catch (BindException e) {
      err.println("ERROR port " + apiPort + " is in use (" + e.getMessage() + "); is berth up already running?"
          + " Stop it, or pass --api-port");
      docker.close();
      return 1;
    } catch (StoreException | IllegalStateException e) {
      err.println("ERROR " + e.getMessage());
      docker.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      master.close();
      try {
        docker.close();
      } catch (java.io.IOException e) {
        // Exiting anyway.
      }
      stopped.countDown();
    }, "berth-up-stop"));
    out.println("berth up: master API http://127.0.0.1:" + master.apiPort() + ", node " + nodeId + " on the local engine");
    out.println("berth up: state in " + dir.toAbsolutePath() + " (API token in " + dir.resolve(ApiToken.FILE_NAME) + ")");
    out.flush();
    stopped.await();
    return 0;
  }
}
