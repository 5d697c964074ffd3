package dev.berth.runtime.store;

import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.ReplicaObservation;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The master's state: desired apps and replicas (durable in the durable store: on disk before a write returns),
 * and observed nodes, replica reports and events (memory only; nodes report them again after a restart).
 * Readers get immutable {@link ClusterSnapshot}s; writers go through {@link #update}, one at a time.
 */
public interface StateStore extends AutoCloseable {

  /** The current state, immutable. */
  ClusterSnapshot snapshot();

  /**
   * Atomically reads the current state, computes a write from it and applies it; returns once the write is
   * durable. Writers are serialized, so the function sees the state its write applies to.
   *
   * @throws StoreException when the write could not be made durable (nothing changed then)
   */
  <T> T update(Function<ClusterSnapshot, Outcome<T>> change);

  /** Applies a write computed without reading. */
  default void write(StoreWrite write) {
    update(s -> new Outcome<>(write, null));
  }

  /** Records a node's join, heartbeat or liveness change (memory only). */
  void putNode(Node node);

  /** Replaces everything a node reports of its replicas (memory only). */
  void putObservations(String nodeId, List<ReplicaObservation> observations);

  /** Appends an app event, keeping the most recent ones (memory only). */
  void addEvent(String appKey, AppEvent event);

  /** The app's recent events, oldest first. */
  List<AppEvent> events(String appKey);

  /** Calls {@code listener} with every new snapshot after a change (on the writer's thread; keep it short). */
  void watch(Consumer<ClusterSnapshot> listener);

  @Override
  void close();

  /**
   * What {@link #update} writes, and the value it returns to its caller.
   *
   * @param write the change
   * @param result what the caller gets back
   */
  record Outcome<T>(StoreWrite write, T result) {}
}
