package dev.berth.runtime.cli;

import dev.berth.runtime.master.ApiToken;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.NodeTransports;
import dev.berth.runtime.master.transport.JoinTokenFile;
import dev.berth.runtime.store.StoreException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth master}: runs a master (state store, scheduler, controllers, HTTP API) until stopped. */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    description = "Run a master: desired state on disk, scheduler, controllers, and the HTTP API. Agents join it.")
public final class MasterCommand implements Callable<Integer> {

  @Option(names = "--state", paramLabel = "DIR", description = "State folder (default: $BERTH_STATE/cluster)")
  Path state;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "7070", description = "HTTP API port (default: ${DEFAULT-VALUE})")
  int apiPort;

  @Option(names = "--node-port", paramLabel = "PORT", defaultValue = "7071", description = "Port agents join on (default: ${DEFAULT-VALUE})")
  int nodePort;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = state != null ? state : ClusterOptions.defaultStateDir();
    MasterMain master;
    try {
      master =
          MasterMain.start(new MasterConfig(dir, bind, apiPort, nodePort, null), NodeTransports.find(), System.err);
    } catch (BindException e) {
      spec.commandLine().getErr().println("ERROR port " + apiPort + " or " + nodePort + " is in use (" + e.getMessage()
          + "); stop the other master or pass --api-port / --node-port");
      return 1;
    } catch (StoreException e) {
      spec.commandLine().getErr().println("ERROR " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      master.close();
      stopped.countDown();
    }, "berth-master-stop"));
    out.println("master: API http://" + displayHost() + ":" + master.apiPort()
        + (NodeTransports.available() ? ", agents join on port " + master.nodePort() : ", no node transport: nodes cannot join"));
    out.println("master: state in " + dir.toAbsolutePath() + " (API token in " + dir.resolve(ApiToken.FILE_NAME)
        + (NodeTransports.available() ? ", agents' join token in " + dir.resolve(JoinTokenFile.FILE_NAME) : "") + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  private String displayHost() {
    return bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
  }
}
