package dev.berth.runtime.agent.transport;

import com.esotericsoftware.kryonet.Client;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.Listener;
import com.esotericsoftware.minlog.Log;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.wire.AssignMessage;
import dev.berth.runtime.wire.BerthSerialization;
import dev.berth.runtime.wire.BuildContextMessage;
import dev.berth.runtime.wire.BuildContextRequestMessage;
import dev.berth.runtime.wire.BuildJobMessage;
import dev.berth.runtime.wire.ChallengeMessage;
import dev.berth.runtime.wire.Handshake;
import dev.berth.runtime.wire.HeartbeatMessage;
import dev.berth.runtime.wire.HelloMessage;
import dev.berth.runtime.wire.JoinToken;
import dev.berth.runtime.wire.LogsMessage;
import dev.berth.runtime.wire.LogsRequestMessage;
import dev.berth.runtime.wire.PendingRequests;
import dev.berth.runtime.wire.ProofMessage;
import dev.berth.runtime.wire.RefusedMessage;
import dev.berth.runtime.wire.RequestMessage;
import dev.berth.runtime.wire.ResponseMessage;
import dev.berth.runtime.wire.WelcomeMessage;
import dev.berth.runtime.wire.WireLimits;
import dev.berth.runtime.wire.WireRegistry;
import dev.berth.runtime.wire.WireTranslator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's connection to its master: joins with the token (RUNTIME.md §2.4), heartbeats every second, sends
 * reports, serves assignments and log requests, and reconnects with backoff (0.25 s doubling to 5 s) whenever the
 * connection closes. Kryonet's update thread only hands messages to one ordered executor.
 */
public final class MasterLink implements AutoCloseable {

  private static final long MIN_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 5000;

  private final String host;
  private final int port;
  private final JoinToken token;
  private final NodeInfo node;
  private final NodeHandler handler;
  private final PrintStream log;
  private final BerthSerialization serialization = new BerthSerialization();
  private final Client client;
  private final ExecutorService inbound;
  private final ScheduledExecutorService timers;
  private final Thread connector;
  private final AtomicLong heartbeats = new AtomicLong();
  private final PendingRequests requests = new PendingRequests();
  private volatile HelloMessage hello;
  private volatile Handshake handshake;
  private volatile boolean joined;
  private volatile boolean closed;
  private volatile String lastRefusal;

  private MasterLink(String host, int port, JoinToken token, NodeInfo node, NodeHandler handler, PrintStream log) {
    this.host = host;
    this.port = port;
    this.token = token;
    this.node = node;
    this.handler = handler;
    this.log = log;
    // Kryonet's own logging prints stack traces for every closed connection; the link logs what matters itself.
    Log.set(Log.LEVEL_NONE);
    this.client = new Client(WireLimits.WRITE_BUFFER_BYTES, WireLimits.OBJECT_BUFFER_BYTES, serialization);
    this.inbound = Executors.newSingleThreadExecutor(r -> daemon(r, "berth-agent-link"));
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-agent-heartbeat"));
    this.connector = daemon(this::connectLoop, "berth-agent-connect");
    client.addListener(new Listener() {
      @Override
      public void connected(Connection c) {
        inbound.execute(() -> sayHello());
      }

      @Override
      public void received(Connection c, Object message) {
        if (!(message instanceof FrameworkMessage)) {
          inbound.execute(() -> handle(message));
        }
      }

      @Override
      public void disconnected(Connection c) {
        inbound.execute(() -> lost());
      }
    });
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts joining {@code host:port} in the background; returns at once.
   *
   * @param log where joins, refusals and disconnects are logged (never the token's secret)
   */
  public static MasterLink start(String host, int port, JoinToken token, NodeInfo node, NodeHandler handler,
      PrintStream log) {
    MasterLink link = new MasterLink(host, port, token, node, handler, log);
    link.client.start();
    link.connector.start();
    link.timers.scheduleAtFixedRate(link::heartbeat, WireLimits.HEARTBEAT_MILLIS, WireLimits.HEARTBEAT_MILLIS,
        TimeUnit.MILLISECONDS);
    return link;
  }

  /** Whether the link has joined the master and is connected. */
  public boolean joined() {
    return joined && client.isConnected();
  }

  /** The reason of the master's last refusal (e.g. {@code AUTH_FAILED}), or null. */
  public String lastRefusal() {
    return lastRefusal;
  }

  /** Sends a report when joined; drops it otherwise (the next join triggers a full one). */
  public void report(List<ReplicaObservation> observations) {
    if (joined) {
      send(WireTranslator.toMessage(observations));
    }
  }

  /**
   * Sends a build job's report when joined.
   *
   * @return whether it was sent (false while the link is down)
   */
  public boolean buildReport(BuildReport report) {
    if (!joined) {
      return false;
    }
    send(WireTranslator.toMessage(report));
    return true;
  }

  /**
   * Asks the master for up to {@code maxBytes} of a build job's context from {@code offset} on. The future fails
   * with {@link NoSuchElementException} when the master no longer runs the job here, and with
   * {@link IllegalStateException} when the link is down or the master does not answer within {@code timeoutMillis}.
   */
  public CompletableFuture<byte[]> buildContext(String jobId, long offset, int maxBytes, long timeoutMillis) {
    if (!joined) {
      return CompletableFuture.failedFuture(new IllegalStateException("not connected to the master"));
    }
    CompletableFuture<Object> answer = new CompletableFuture<>();
    RequestMessage request =
        requests.open(new BuildContextRequestMessage(jobId, offset, maxBytes), timeoutMillis, answer);
    send(request);
    return answer.thenApply(body -> ((BuildContextMessage) body).bytes());
  }

  private void connectLoop() {
    long backoff = MIN_BACKOFF_MILLIS;
    while (!closed) {
      if (!client.isConnected()) {
        if (lastRefusal != null) {
          // The master refused us (wrong token, other version): retrying at once cannot help.
          sleep(MAX_BACKOFF_MILLIS);
        }
        serialization.forget(client);
        joined = false;
        try {
          client.setKeepAliveTCP(WireLimits.KEEP_ALIVE_MILLIS);
          client.setTimeout(WireLimits.TIMEOUT_MILLIS);
          client.connect(5000, host, port);
          backoff = MIN_BACKOFF_MILLIS;
        } catch (IOException e) {
          if (backoff >= MAX_BACKOFF_MILLIS / 2) {
            log.println("berth agent " + node.nodeId() + ": cannot reach master " + host + ":" + port + " ("
                + e.getMessage() + "); retrying");
          }
          backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
      }
      sleep(client.isConnected() ? 100 : backoff);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sayHello() {
    HelloMessage h = new HelloMessage(WireLimits.PROTOCOL_VERSION, WireRegistry.fingerprint(), node.nodeId(),
        token.id(), Handshake.nonce());
    hello = h;
    handshake = null;
    send(h);
  }

  private void handle(Object message) {
    try {
      if (message instanceof ChallengeMessage challenge) {
        Handshake hs = new Handshake(token.joinKey(), hello, challenge);
        handshake = hs;
        serialization.auth(client).enableReceive(hs.masterToAgentKey());
        send(new ProofMessage(hs.agentProof()));
        serialization.auth(client).enableSend(hs.agentToMasterKey());
      } else if (message instanceof WelcomeMessage welcome) {
        if (handshake == null || !handshake.masterProofMatches(welcome.serverProof())) {
          log.println("berth agent " + node.nodeId() + ": the master at " + host + ":" + port
              + " could not prove it holds the join token; closing");
          client.close();
          return;
        }
        send(WireTranslator.toMessage(node));
        joined = true;
        lastRefusal = null;
        log.println("berth agent " + node.nodeId() + ": joined master " + host + ":" + port);
        handler.joined();
      } else if (message instanceof RefusedMessage refused) {
        lastRefusal = refused.reason();
        log.println("berth agent " + node.nodeId() + ": the master refused the join (" + refused.reason() + "): "
            + refused.message());
      } else if (message instanceof AssignMessage assign) {
        handler.assign(WireTranslator.toModel(node.nodeId(), assign));
      } else if (message instanceof RequestMessage request) {
        answer(request);
      } else if (message instanceof ResponseMessage response) {
        requests.complete(response, r -> ResponseMessage.NOT_FOUND.equals(r.status())
            ? new NoSuchElementException(String.valueOf(r.body()))
            : new IllegalStateException(String.valueOf(r.body())));
      } else if (message instanceof BuildJobMessage job) {
        handler.build(WireTranslator.toModel(job));
      } else if (message instanceof dev.berth.runtime.wire.BuildCancelMessage cancel) {
        handler.cancelBuild(cancel.jobId());
      }
    } catch (RuntimeException e) {
      log.println("berth agent " + node.nodeId() + ": dropping the connection: " + e.getMessage());
      client.close();
    }
  }

  private void answer(RequestMessage request) {
    ResponseMessage response;
    if (request.body() instanceof LogsRequestMessage logs) {
      try {
        String text = handler.logs(logs.replicaId(), logs.tailLines());
        if (text.length() > WireLimits.MAX_LOG_CHARS) {
          text = text.substring(text.length() - WireLimits.MAX_LOG_CHARS);
        }
        response = new ResponseMessage(request.id(), ResponseMessage.OK, new LogsMessage(text));
      } catch (NoSuchElementException e) {
        response = new ResponseMessage(request.id(), ResponseMessage.NOT_FOUND, e.getMessage());
      } catch (RuntimeException e) {
        response = new ResponseMessage(request.id(), ResponseMessage.ERROR, String.valueOf(e.getMessage()));
      }
    } else {
      response = new ResponseMessage(request.id(), ResponseMessage.ERROR,
          "unknown request " + request.body().getClass().getSimpleName());
    }
    send(response);
  }

  private void heartbeat() {
    requests.sweep(id -> new IllegalStateException("the master did not answer in time"));
    if (joined && client.isConnected()) {
      send(new HeartbeatMessage(heartbeats.incrementAndGet(), System.currentTimeMillis()));
    }
  }

  private void lost() {
    if (joined) {
      String why = serialization.auth(client).failure();
      log.println("berth agent " + node.nodeId() + ": lost the master" + (why == null ? "" : " (" + why + ")")
          + "; reconnecting");
    }
    joined = false;
    requests.failAll(new IllegalStateException("lost the master"));
  }

  private void send(Object message) {
    client.sendTCP(serialization.prepare(message));
  }

  @Override
  public void close() {
    closed = true;
    connector.interrupt();
    timers.shutdownNow();
    client.stop();
    client.close();
    inbound.shutdownNow();
  }
}
