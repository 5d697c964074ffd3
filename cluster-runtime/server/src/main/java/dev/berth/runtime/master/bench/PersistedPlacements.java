package dev.berth.runtime.master.bench;

import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ShardedMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records when each replica's placement became durable. Watches the store: the store calls watchers only after a
 * write is on disk and visible, so the time a snapshot first shows a replica placed is when its placement was
 * persisted. The watcher itself only stamps the snapshot; a thread of its own finds the new placements, so the
 * master's writer is not slowed by the bookkeeping.
 */
final class PersistedPlacements implements Consumer<ClusterSnapshot>, AutoCloseable {

  private record Stamp(long nanos, Map<String, Replica> replicas) {}

  private final Map<String, Long> placedAt = new ConcurrentHashMap<>();
  private final Map<String, String> appOf = new ConcurrentHashMap<>();
  private final BlockingQueue<Stamp> stamps = new LinkedBlockingQueue<>();
  private final Thread worker = new Thread(this::work, "bench-persisted-placements");
  private Map<String, Replica> lastSeen;
  private volatile Predicate<String> tracked = key -> true;

  PersistedPlacements() {
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void accept(ClusterSnapshot snapshot) {
    long now = System.nanoTime();
    synchronized (this) {
      // Node and report changes keep the replica map as it was: nothing to look at.
      if (snapshot.replicas() == lastSeen) {
        return;
      }
      lastSeen = snapshot.replicas();
    }
    stamps.add(new Stamp(now, snapshot.replicas()));
  }

  /** Replicas seen placed so far. */
  int placed() {
    return placedAt.size();
  }

  /** Snapshots waiting to be looked at. */
  int backlog() {
    return stamps.size();
  }

  /** When ({@link System#nanoTime}) the replica's placement was first seen durable, or {@code null}. */
  Long placedAt(String replicaId) {
    return placedAt.get(replicaId);
  }

  /** Every replica seen placed, with its app's key. */
  Map<String, String> appsByReplica() {
    return Map.copyOf(appOf);
  }

  /** Forgets everything recorded and, from now on, records only replicas of apps whose key {@code apps} accepts. */
  void restart(Predicate<String> apps) {
    tracked = apps;
    placedAt.clear();
    appOf.clear();
  }

  private void work() {
    Map<String, Replica> previous = null;
    while (true) {
      Stamp stamp;
      try {
        stamp = stamps.take();
      } catch (InterruptedException e) {
        return;
      }
      // Only the shards a write changed can hold new placements: on the master's 2 cores this thread competes with
      // it, so it must not scan 50,000 replicas per write.
      if (previous instanceof ShardedMap<String, Replica> before
          && stamp.replicas() instanceof ShardedMap<String, Replica> after) {
        after.forEachInChangedShards(before, (id, r) -> record(r, stamp.nanos()));
      } else {
        stamp.replicas().values().forEach(r -> record(r, stamp.nanos()));
      }
      previous = stamp.replicas();
    }
  }

  private void record(Replica r, long nanos) {
    if (r.placed() && !placedAt.containsKey(r.id()) && tracked.test(r.appKey())) {
      placedAt.put(r.id(), nanos);
      appOf.put(r.id(), r.appKey());
    }
  }

  @Override
  public void close() {
    worker.interrupt();
  }
}
