package dev.berth.runtime.controller;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.RolloutState;
import dev.berth.runtime.sizing.ContainerEnvironment;
import dev.berth.runtime.store.StateStore;
import dev.berth.runtime.store.StoreWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The writes users make to desired state (apply, scale, delete): each is durable when it returns, raises the
 * revision only when the containers change, and queues the app for its controller.
 */
public final class AppWriter {

  private final StateStore store;
  private final Clock clock;
  private final Consumer<String> appChanged;
  private final ContainerEnvironment environment = ContainerEnvironment.sized();

  public AppWriter(StateStore store, Clock clock, Consumer<String> appChanged) {
    this.store = store;
    this.clock = clock;
    this.appChanged = appChanged;
  }

  /**
   * Creates or updates an app.
   *
   * @throws dev.berth.runtime.api.spec.SpecValidationException when the spec cannot run, e.g. a memory limit too
   *     small for its JVM; nothing is written then
   */
  public ApplyResult apply(AppSpec spec) {
    environment.of(spec);
    ApplyResult result =
        store.update(
            s -> {
              AppRecord old = s.apps().get(spec.key());
              Instant now = clock.instant();
              if (old == null) {
                AppRecord created = new AppRecord(spec, 1, now, now, RolloutState.start(1, now, 0), Map.of());
                return new StateStore.Outcome<>(StoreWrite.app(created), new ApplyResult(spec.key(), 1, "created"));
              }
              if (old.spec().equals(spec)) {
                return new StateStore.Outcome<>(
                    StoreWrite.none(), new ApplyResult(spec.key(), old.revision(), "unchanged"));
              }
              if (old.spec().differsInTemplate(spec)) {
                long revision = old.revision() + 1;
                int oldReplicas = s.replicasOf(spec.key()).size();
                Map<Long, AppSpec> previous = new HashMap<>(old.previous());
                previous.put(old.revision(), old.spec());
                AppRecord next =
                    new AppRecord(
                        spec, revision, old.createdAt(), now, RolloutState.start(revision, now, oldReplicas), previous);
                return new StateStore.Outcome<>(StoreWrite.app(next), new ApplyResult(spec.key(), revision, "configured"));
              }
              // Same containers: scaling or a new update strategy; the rollout goes on as it was.
              AppRecord next = new AppRecord(spec, old.revision(), old.createdAt(), now, old.rollout(), old.previous());
              String outcome = old.spec().replicas().equals(spec.replicas()) ? "configured" : "scaled";
              return new StateStore.Outcome<>(StoreWrite.app(next), new ApplyResult(spec.key(), old.revision(), outcome));
            });
    appChanged.accept(spec.key());
    return result;
  }

  /**
   * Sets an app's replica count.
   *
   * @throws NoSuchElementException when there is no such app
   */
  public ApplyResult scale(String appKey, int replicas) {
    AppRecord app = store.snapshot().apps().get(appKey);
    if (app == null) {
      throw new NoSuchElementException("no app " + appKey);
    }
    return apply(app.spec().withReplicas(replicas));
  }

  /**
   * Deletes an app; its replicas are stopped by its controller.
   *
   * @return whether the app existed
   */
  public boolean delete(String appKey) {
    boolean existed =
        store.update(
            s ->
                s.apps().containsKey(appKey)
                    ? new StateStore.Outcome<>(new StoreWrite(null, List.of(appKey), null, null), true)
                    : new StateStore.Outcome<>(StoreWrite.none(), false));
    appChanged.accept(appKey);
    return existed;
  }
}
