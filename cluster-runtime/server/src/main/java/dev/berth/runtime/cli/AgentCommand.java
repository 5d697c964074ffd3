package dev.berth.runtime.cli;

import dev.berth.runtime.agent.AgentConfig;
import dev.berth.runtime.agent.AgentMain;
import dev.berth.runtime.agent.RunningAgent;
import dev.berth.runtime.wire.JoinToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth agent}: a node agent that joins a master and runs its assignment on the local Docker engine. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Run a node agent: join a master with its join token and run the replicas it assigns on a Docker engine.",
      "The token is the content of the master's <state>/join-token file; prefer --token-file or $BERTH_JOIN_TOKEN"
          + " to --token, which other users can see in the process list."
    })
public final class AgentCommand implements Callable<Integer> {

  @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "The master's node port, e.g. 10.0.0.5:7071")
  String join;

  @Option(names = "--token", paramLabel = "TOKEN", description = "The join token (or $BERTH_JOIN_TOKEN, or --token-file)")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the join token")
  Path tokenFile;

  @Option(names = "--node-id", paramLabel = "ID", description = "This node's stable name (default: the host name)")
  String nodeId;

  @Option(names = "--address", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Where this node's published ports are reachable (default: ${DEFAULT-VALUE})")
  String address;

  @Option(names = "--docker-host", paramLabel = "URI", description = "The engine, e.g. unix:///run/n2/docker.sock (default: $DOCKER_HOST or the local socket)")
  String dockerHost;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A node label placement constraints match (repeatable)")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--state", paramLabel = "DIR", description = "Agent state folder (default: $BERTH_STATE/agent-<node>)")
  Path state;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int colon = join.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(join.substring(colon + 1));
    } catch (RuntimeException e) {
      err.println("ERROR --join '" + join + "' is not HOST:PORT; pass e.g. --join 10.0.0.5:7071");
      return 2;
    }
    JoinToken joinToken;
    try {
      joinToken = JoinToken.parse(tokenText());
    } catch (IllegalArgumentException | IOException e) {
      err.println("ERROR " + e.getMessage());
      return 2;
    }
    String id = nodeId != null ? nodeId : java.net.InetAddress.getLocalHost().getHostName();
    Path dir = state != null ? state : ClusterOptions.defaultStateDir().resolveSibling("agent-" + id);
    RunningAgent agent;
    try {
      agent = AgentMain.start(new AgentConfig(join.substring(0, colon), port, joinToken, id, address, dockerHost, dir,
          labels, Map.of()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("ERROR " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "berth-agent-stop"));
    out.println("berth agent: node " + id + " joining " + join + " (containers keep running when the agent stops)");
    out.flush();
    stopped.await();
    return 0;
  }

  private String tokenText() throws IOException {
    if (token != null) {
      return token;
    }
    if (tokenFile != null) {
      return Files.readString(tokenFile);
    }
    String env = System.getenv("BERTH_JOIN_TOKEN");
    if (env != null && !env.isBlank()) {
      return env;
    }
    throw new IllegalArgumentException("no join token: pass --token-file <master state>/join-token,"
        + " set BERTH_JOIN_TOKEN, or pass --token");
  }
}
