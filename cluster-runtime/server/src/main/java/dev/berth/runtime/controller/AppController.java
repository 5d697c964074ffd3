package dev.berth.runtime.controller;

import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.reconcile.AppReconciler;
import dev.berth.runtime.reconcile.ReconcileResult;
import dev.berth.runtime.scheduler.PlacementRequest;
import dev.berth.runtime.store.StateStore;
import dev.berth.runtime.store.StoreWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps each app's replicas converged to its spec: runs {@link AppReconciler} inside the store's write (so it sees
 * exactly the state it changes), records events, and hands changed nodes to the node sync. Keys are app keys.
 */
public final class AppController implements Reconciler<String> {

  private final StateStore store;
  private final Clock clock;
  private final Consumer<String> nodeChanged;
  private final Consumer<String> appChanged;
  private final Supplier<Map<String, List<PlacementRequest>>> heldByNode;
  private final AppReconciler reconciler = new AppReconciler();

  /**
   * @param nodeChanged told of every node whose assignment changed
   * @param appChanged told of apps to reconcile again (those waiting for capacity, when some was freed)
   */
  public AppController(StateStore store, Clock clock, Consumer<String> nodeChanged, Consumer<String> appChanged) {
    this(store, clock, nodeChanged, appChanged, Map::of);
  }

  /**
   * @param heldByNode capacity held on nodes besides replicas (running build jobs), counted when placing; read
   *     outside the store's write, so it must not wait for the store
   */
  public AppController(StateStore store, Clock clock, Consumer<String> nodeChanged, Consumer<String> appChanged,
      Supplier<Map<String, List<PlacementRequest>>> heldByNode) {
    this.store = store;
    this.clock = clock;
    this.nodeChanged = nodeChanged;
    this.appChanged = appChanged;
    this.heldByNode = heldByNode;
  }

  @Override
  public Duration reconcile(String appKey) {
    Map<String, List<PlacementRequest>> held = heldByNode.get();
    ReconcileResult result =
        store.update(
            snapshot -> {
              AppRecord app = snapshot.apps().get(appKey);
              List<Replica> replicas = snapshot.replicasOf(appKey);
              ReconcileResult r = reconciler.compute(app, replicas, snapshot, clock.instant(), held);
              StoreWrite write =
                  new StoreWrite(
                      r.app() == null ? List.of() : List.of(r.app()), List.of(), r.putReplicas(),
                      r.deleteReplicas());
              return new StateStore.Outcome<>(write, r);
            });
    for (AppEvent e : result.events()) {
      store.addEvent(appKey, e);
    }
    result.touchedNodes().forEach(nodeChanged);
    if (!result.deleteReplicas().isEmpty()) {
      // Capacity was freed: apps with pending replicas may fit now.
      waitingApps(store.snapshot()).forEach(appChanged);
    }
    return result.requeueAfter();
  }

  /** Apps that have at least one pending replica. */
  public static List<String> waitingApps(ClusterSnapshot snapshot) {
    List<String> keys = new ArrayList<>();
    snapshot.replicas().values().stream()
        .filter(r -> !r.placed())
        .map(Replica::appKey)
        .distinct()
        .sorted()
        .forEach(keys::add);
    return keys;
  }
}
