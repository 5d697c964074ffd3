package dev.berth.runtime.master.transport;

import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.Listener;
import com.esotericsoftware.kryonet.Server;
import com.esotericsoftware.minlog.Log;
import dev.berth.runtime.controller.ClusterInbox;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.controller.NodeUnavailableException;
import dev.berth.runtime.master.NodeTransport;
import dev.berth.runtime.wire.BerthSerialization;
import dev.berth.runtime.wire.BuildContextMessage;
import dev.berth.runtime.wire.BuildContextRequestMessage;
import dev.berth.runtime.wire.BuildReportMessage;
import dev.berth.runtime.wire.ChallengeMessage;
import dev.berth.runtime.wire.Handshake;
import dev.berth.runtime.wire.HeartbeatMessage;
import dev.berth.runtime.wire.HelloMessage;
import dev.berth.runtime.wire.JoinMessage;
import dev.berth.runtime.wire.JoinToken;
import dev.berth.runtime.wire.ProofMessage;
import dev.berth.runtime.wire.RefusedMessage;
import dev.berth.runtime.wire.ReportMessage;
import dev.berth.runtime.wire.RequestMessage;
import dev.berth.runtime.wire.ResponseMessage;
import dev.berth.runtime.wire.WelcomeMessage;
import dev.berth.runtime.wire.WireLimits;
import dev.berth.runtime.wire.WireRegistry;
import dev.berth.runtime.wire.WireTranslator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The master's Kryonet endpoint: accepts agents, runs the join handshake (RUNTIME.md §2.4), and turns verified
 * agents' messages into {@link ClusterInbox} calls. Kryonet's update thread only hands each event to one ordered
 * executor, so a slow step never stalls the network loop.
 */
public final class KryonetNodeTransport implements NodeTransport {

  private final JoinToken token;
  private final ClusterInbox inbox;
  private final PrintStream log;
  private final BerthSerialization serialization = new BerthSerialization();
  private final Server server;
  private final ScheduledExecutorService worker;
  private final Map<String, AgentSession> byNode = new ConcurrentHashMap<>();
  private final KryonetNodeGateway gateway = new KryonetNodeGateway(this);
  private final int port;

  private KryonetNodeTransport(JoinToken token, ClusterInbox inbox, PrintStream log, String host, int port)
      throws IOException {
    this.token = token;
    this.inbox = inbox;
    this.log = log;
    // Kryonet's own logging prints stack traces for every closed connection; Berth logs what matters itself.
    Log.set(Log.LEVEL_NONE);
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-node-transport");
      t.setDaemon(true);
      return t;
    });
    this.server =
        new Server(WireLimits.WRITE_BUFFER_BYTES, WireLimits.OBJECT_BUFFER_BYTES, serialization) {
          @Override
          protected Connection newConnection() {
            return new AgentSession();
          }
        };
    server.addListener(new Listener() {
      @Override
      public void connected(Connection c) {
        c.setKeepAliveTCP(WireLimits.KEEP_ALIVE_MILLIS);
        c.setTimeout(WireLimits.TIMEOUT_MILLIS);
      }

      @Override
      public void received(Connection c, Object message) {
        if (!(message instanceof FrameworkMessage)) {
          worker.execute(() -> handle((AgentSession) c, message));
        }
      }

      @Override
      public void disconnected(Connection c) {
        worker.execute(() -> closed((AgentSession) c));
      }
    });
    server.bind(new InetSocketAddress(host, port), null);
    this.port = boundPort(server, port);
    server.start();
    worker.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts listening with the token in {@code stateDir}'s {@code join-token} file (created when missing).
   *
   * @param log where refusals and joins are logged (never a token's secret)
   */
  public static KryonetNodeTransport start(
      Path stateDir, String host, int port, ClusterInbox inbox, PrintStream log) throws IOException {
    return new KryonetNodeTransport(JoinTokenFile.readOrCreate(stateDir), inbox, log, host, port);
  }

  /** Starts listening with a given token (tests, and callers that manage the token themselves). */
  public static KryonetNodeTransport start(
      JoinToken token, String host, int port, ClusterInbox inbox, PrintStream log) throws IOException {
    return new KryonetNodeTransport(token, inbox, log, host, port);
  }

  // Kryonet does not expose the bound port; with port 0 the only way to learn it is its server channel.
  private static int boundPort(Server server, int requested) throws IOException {
    if (requested != 0) {
      return requested;
    }
    try {
      java.lang.reflect.Field f = Server.class.getDeclaredField("serverChannel");
      f.setAccessible(true);
      return ((ServerSocketChannel) f.get(server)).socket().getLocalPort();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot learn the port Kryonet bound; pass a fixed node port", e);
    }
  }

  private void handle(AgentSession s, Object message) {
    try {
      s.lastHeardNanos = System.nanoTime();
      if (message instanceof HelloMessage hello) {
        hello(s, hello);
      } else if (message instanceof ProofMessage proof) {
        proof(s, proof);
      } else if (!s.verified) {
        refuse(s, "HANDSHAKE_REQUIRED", message.getClass().getSimpleName() + " before the join handshake finished");
      } else if (message instanceof JoinMessage join) {
        join(s, join);
      } else if (s.nodeId == null) {
        refuse(s, "HANDSHAKE_REQUIRED", message.getClass().getSimpleName() + " before the node joined");
      } else if (message instanceof HeartbeatMessage) {
        inbox.nodeHeartbeat(s.nodeId, Instant.now());
      } else if (message instanceof ReportMessage report) {
        inbox.nodeReport(s.nodeId, WireTranslator.toModel(report));
      } else if (message instanceof BuildReportMessage report) {
        inbox.buildReport(s.nodeId, WireTranslator.toModel(report));
      } else if (message instanceof RequestMessage request) {
        answer(s, request);
      } else if (message instanceof ResponseMessage response) {
        String node = s.nodeId;
        s.requests.complete(response, r -> KryonetNodeGateway.failure(node, r));
      }
    } catch (RuntimeException e) {
      log.println("berth master: dropping a connection from " + address(s) + ": " + e.getMessage());
      s.close();
    }
  }

  /** Answers a node's request; the only one nodes make is for a build job's context. */
  private void answer(AgentSession s, RequestMessage request) {
    ResponseMessage response;
    if (request.body() instanceof BuildContextRequestMessage fetch) {
      try {
        int max = Math.min(Math.max(0, fetch.maxBytes()), WireLimits.BUILD_CONTEXT_CHUNK_BYTES);
        byte[] bytes = inbox.buildContext(s.nodeId, fetch.jobId(), fetch.offset(), max);
        response = new ResponseMessage(request.id(), ResponseMessage.OK,
            new BuildContextMessage(fetch.jobId(), fetch.offset(), bytes));
      } catch (java.util.NoSuchElementException e) {
        response = new ResponseMessage(request.id(), ResponseMessage.NOT_FOUND, String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        response = new ResponseMessage(request.id(), ResponseMessage.ERROR, String.valueOf(e.getMessage()));
      }
    } else {
      response = new ResponseMessage(request.id(), ResponseMessage.ERROR,
          "unknown request " + (request.body() == null ? "null" : request.body().getClass().getSimpleName()));
    }
    send(s, response);
  }

  private void hello(AgentSession s, HelloMessage hello) {
    if (s.handshake != null || s.verified) {
      refuse(s, "HANDSHAKE_REQUIRED", "a second hello");
    } else if (hello.protocolVersion() != WireLimits.PROTOCOL_VERSION) {
      refuse(s, "VERSION_MISMATCH", "agent speaks protocol " + hello.protocolVersion() + ", the master "
          + WireLimits.PROTOCOL_VERSION + "; run the same Berth version on both");
    } else if (!WireRegistry.fingerprint().equals(hello.registryFingerprint())) {
      refuse(s, "REGISTRY_MISMATCH", "agent's wire registry differs from the master's; run the same Berth version");
    } else if (!token.id().equals(hello.tokenId())) {
      refuse(s, "UNKNOWN_TOKEN", "node " + hello.nodeId() + " presented join token id '" + hello.tokenId()
          + "', not this master's; pass the token from the master's join-token file");
    } else {
      ChallengeMessage challenge = new ChallengeMessage(Handshake.nonce());
      s.helloNodeId = hello.nodeId();
      s.handshake = new Handshake(token.joinKey(), hello, challenge);
      // Tagged frames are accepted from now on: only a holder of the join key can produce them.
      serialization.auth(s).enableReceive(s.handshake.agentToMasterKey());
      send(s, challenge);
    }
  }

  private void proof(AgentSession s, ProofMessage proof) {
    if (s.handshake == null || s.verified) {
      refuse(s, "HANDSHAKE_REQUIRED", "a proof without a hello");
    } else if (!s.handshake.agentProofMatches(proof.proof())) {
      refuse(s, "AUTH_FAILED", "node " + s.helloNodeId + " failed the join proof (wrong join token secret);"
          + " pass the token from the master's join-token file");
    } else {
      send(s, new WelcomeMessage(Integer.toString(s.getID()), WireLimits.HEARTBEAT_MILLIS,
          s.handshake.masterProof()));
      serialization.auth(s).enableSend(s.handshake.masterToAgentKey());
      s.verified = true;
    }
  }

  private void join(AgentSession s, JoinMessage join) {
    if (!join.nodeId().equals(s.helloNodeId)) {
      refuse(s, "AUTH_FAILED", "joined as " + join.nodeId() + " after saying hello as " + s.helloNodeId);
      return;
    }
    AgentSession live = byNode.get(join.nodeId());
    if (live != null && live != s && live.isConnected()
        && System.nanoTime() - live.lastHeardNanos < 2L * WireLimits.HEARTBEAT_MILLIS * 1_000_000L) {
      // Two running agents with one id would take each other's replicas (and, on one engine, remove each other's
      // containers). A node reconnecting over a half-open connection gets in once that one falls silent.
      refuse(s, "NODE_ID_IN_USE", "node id " + join.nodeId() + " is in use by a running agent connected from "
          + address(live) + "; give this agent its own --node-id, or stop the other one");
      return;
    }
    AgentSession previous = byNode.put(join.nodeId(), s);
    s.nodeId = join.nodeId();
    if (previous != null && previous != s) {
      // The node reconnected before its old connection timed out: the new one wins.
      previous.nodeId = null;
      previous.close();
    }
    log.println("berth master: node " + join.nodeId() + " joined from " + address(s));
    inbox.nodeJoined(WireTranslator.toModel(join));
  }

  private void refuse(AgentSession s, String reason, String message) {
    log.println("berth master: refused " + address(s) + " (" + reason + "): " + message);
    // Plain before the welcome (the agent has no key yet), tagged after it.
    send(s, new RefusedMessage(reason, message));
    s.close();
  }

  private void closed(AgentSession s) {
    String reason = serialization.auth(s).failure();
    serialization.forget(s);
    s.requests.failAll(new NodeUnavailableException(s.nodeId == null ? "?" : s.nodeId, "PEER_DISCONNECTED"));
    String node = s.nodeId;
    if (node != null && byNode.remove(node, s)) {
      String why = reason == null ? "CLOSED" : reason;
      log.println("berth master: node " + node + " disconnected (" + why + ")");
      inbox.nodeDisconnected(node, why);
    } else if ("AUTH_FAILED".equals(reason)) {
      log.println("berth master: closed " + address(s) + ": a frame failed authentication");
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Connection c : server.getConnections()) {
      AgentSession s = (AgentSession) c;
      if (!s.verified && now - s.openedAtNanos > WireLimits.HANDSHAKE_TIMEOUT_MILLIS * 1_000_000L) {
        refuse(s, "HANDSHAKE_TIMEOUT", "no join handshake within " + WireLimits.HANDSHAKE_TIMEOUT_MILLIS + " ms");
      }
      String node = s.nodeId;
      s.requests.sweep(id -> new NodeUnavailableException(node == null ? "?" : node, "no answer in time"));
    }
  }

  /** The joined node's current session, or null. */
  AgentSession session(String nodeId) {
    return byNode.get(nodeId);
  }

  /** Serializes on the caller's thread, then queues the frame. */
  void send(AgentSession s, Object message) {
    s.sendTCP(serialization.prepare(message));
  }

  private static String address(AgentSession s) {
    InetSocketAddress a = s.getRemoteAddressTCP();
    return a == null ? "a closed connection" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** The ids of the nodes connected now. */
  public java.util.Set<String> connectedNodes() {
    return java.util.Set.copyOf(byNode.keySet());
  }

  @Override
  public NodeGateway gateway() {
    return gateway;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() {
    Thread update = server.getUpdateThread();
    server.stop();
    // Dispose closes the selector; the update thread must have left select() first.
    if (update != null) {
      try {
        update.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker.shutdown();
    try {
      worker.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.dispose();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
