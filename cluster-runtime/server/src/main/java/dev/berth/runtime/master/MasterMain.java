package dev.berth.runtime.master;

import dev.berth.runtime.controller.AppController;
import dev.berth.runtime.controller.AppWriter;
import dev.berth.runtime.controller.BuildJobController;
import dev.berth.runtime.controller.ControllerRunner;
import dev.berth.runtime.controller.NodeGateway;
import dev.berth.runtime.controller.NodeLivenessController;
import dev.berth.runtime.controller.NodeSyncController;
import dev.berth.runtime.controller.WorkQueue;
import dev.berth.runtime.master.http.ApiServer;
import dev.berth.runtime.sizing.ContainerEnvironment;
import dev.berth.runtime.reconcile.NodeAssignments;
import dev.berth.runtime.store.DurableStateStore;
import dev.berth.runtime.store.StateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The master's composition root: opens the durable store, wires the controllers to their queues, starts the node
 * transport and the HTTP API, and runs the liveness sweep and the periodic resync.
 */
public final class MasterMain implements AutoCloseable {

  /** How often the liveness sweep runs (RUNTIME.md §2.5). */
  static final Duration SWEEP = Duration.ofMillis(100);
  /** How often every app is reconciled even without news, to heal a missed event. */
  static final Duration RESYNC = Duration.ofSeconds(30);
  /** Extra time nodes known from the store get to rejoin after a master restart. */
  static final Duration STARTUP_GRACE = Duration.ofSeconds(5);
  /** How often build jobs are placed and checked for lost nodes. */
  static final Duration BUILD_TICK = Duration.ofSeconds(1);
  /** The largest build context a client may upload. */
  public static final long MAX_BUILD_CONTEXT_BYTES = 512L * 1024 * 1024;

  private final StateStore store;
  private final WorkQueue<String> appQueue;
  private final WorkQueue<String> nodeQueue;
  private final ControllerRunner<String> apps;
  private final ControllerRunner<String> nodes;
  private final NodeTransport transport;
  private final ApiServer api;
  private final ScheduledExecutorService timers;
  private final String token;
  private final BuildJobController builds;
  private final AppWriter writer;

  private MasterMain(MasterConfig config, NodeTransport.Factory transports, PrintStream log) throws IOException {
    Clock clock = Clock.systemUTC();
    this.store = DurableStateStore.open(config.stateDir());
    this.token = config.apiToken() != null ? config.apiToken() : ApiToken.loadOrCreate(config.stateDir());
    this.appQueue = new WorkQueue<>("berth-apps");
    this.nodeQueue = new WorkQueue<>("berth-nodes");
    NodeLivenessController liveness = new NodeLivenessController(store, clock, appQueue::add, nodeQueue::add);
    liveness.adoptKnownNodes(STARTUP_GRACE);
    // The inbox exists before the transport, so no node message can arrive unrecorded.
    AtomicReference<NodeGateway> gateway = new AtomicReference<>();
    this.builds = new BuildJobController(store::snapshot, gateway::get, config.stateDir().resolve("build-contexts"), clock);
    // A finished build job frees its node's capacity: replicas waiting for it are placed again.
    builds.onCapacityFreed(() -> AppController.waitingApps(store.snapshot()).forEach(appQueue::add));
    MasterInbox inbox = new MasterInbox(store, liveness, appQueue::add, clock, builds);
    this.transport = transports.start(config.stateDir(), config.apiHost(), config.nodePort(), inbox);
    gateway.set(transport.gateway());
    NodeAssignments assignments =
        new NodeAssignments(ContainerEnvironment.sized());
    long epoch = System.currentTimeMillis() * 1000;
    this.apps =
        new ControllerRunner<>(
                "berth-app-controller", appQueue, new AppController(store, clock, nodeQueue::add, appQueue::add,
                    builds::heldByNode),
                (key, e) -> log.println("app " + key + ": reconcile failed: " + e))
            .start(1);
    this.nodes =
        new ControllerRunner<>(
                "berth-node-sync", nodeQueue, new NodeSyncController(store, transport.gateway(), assignments, epoch),
                (key, e) -> log.println("node " + key + ": sync failed: " + e))
            .start(1);
    this.writer = new AppWriter(store, clock, appQueue::add);
    this.api =
        ApiServer.start(
            new InetSocketAddress(config.apiHost(), config.apiPort()), store, writer, transport.gateway(),
            liveness::lastHeartbeat, token, builds, MAX_BUILD_CONTEXT_BYTES);
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-master-timers");
              t.setDaemon(true);
              return t;
            });
    timers.scheduleAtFixedRate(
        () -> {
          try {
            liveness.sweep();
          } catch (RuntimeException | Error e) {
            // A failed sweep must not cancel the next ones (the executor drops a task that throws).
            log.println("liveness sweep failed: " + e);
          }
        },
        SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        () -> {
          try {
            builds.tick();
          } catch (RuntimeException | Error e) {
            log.println("build job tick failed: " + e);
          }
        },
        BUILD_TICK.toMillis(), BUILD_TICK.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(
        () -> store.snapshot().apps().keySet().forEach(appQueue::add), 0, RESYNC.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a master.
   *
   * @throws IOException when a port cannot be bound or the state folder cannot be used
   */
  public static MasterMain start(MasterConfig config, NodeTransport.Factory transports, PrintStream log)
      throws IOException {
    return new MasterMain(config, transports, log);
  }

  /** The HTTP API's port. */
  public int apiPort() {
    return api.port();
  }

  /** The port agents join on. */
  public int nodePort() {
    return transport.port();
  }

  /** The API's bearer token. */
  public String apiToken() {
    return token;
  }

  /** The build jobs (for in-process callers such as tests). */
  public BuildJobController builds() {
    return builds;
  }

  /** The writer the HTTP API applies, scales and deletes apps through (for in-process callers such as benchmarks). */
  public AppWriter writer() {
    return writer;
  }

  /** The store (for in-process callers such as tests). */
  public StateStore store() {
    return store;
  }

  @Override
  public void close() {
    timers.shutdownNow();
    api.close();
    apps.close();
    nodes.close();
    transport.close();
    store.close();
  }
}
