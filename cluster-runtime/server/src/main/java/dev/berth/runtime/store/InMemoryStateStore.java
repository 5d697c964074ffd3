package dev.berth.runtime.store;

import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ShardedMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state store held in memory, optionally backed by a {@link Journal} that makes every desired-state write
 * durable before it becomes visible. Without a journal it is the store tests run controllers on.
 */
public class InMemoryStateStore implements StateStore {

  /** Events kept per app. */
  public static final int EVENTS_PER_APP = 50;

  private final Journal journal;
  private final Object writeLock = new Object();
  private final List<Consumer<ClusterSnapshot>> watchers = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<AppEvent>> events = new ConcurrentHashMap<>();
  private volatile ClusterSnapshot current;

  /** An empty store without persistence. */
  public InMemoryStateStore() {
    this(Journal.NONE);
  }

  InMemoryStateStore(Journal journal) {
    this.journal = journal;
    this.current = new ClusterSnapshot(0, journal.apps(), journal.replicas(), Map.of(), Map.of());
  }

  @Override
  public ClusterSnapshot snapshot() {
    return current;
  }

  @Override
  public <T> T update(Function<ClusterSnapshot, Outcome<T>> change) {
    ClusterSnapshot next;
    T result;
    synchronized (writeLock) {
      Outcome<T> outcome = change.apply(current);
      result = outcome.result();
      StoreWrite write = outcome.write();
      if (write == null || write.isEmpty()) {
        return result;
      }
      // Only what the write touches is copied; the index is updated from the changed apps and replicas alone.
      next =
          current.withChanges(
              current.revision() + 1, write.putApps(), write.deleteApps(), write.putReplicas(),
              write.deleteReplicas());
      // Durable first: a write that fails here leaves memory untouched, so nothing unacknowledged is visible.
      journal.append(write);
      current = next;
    }
    notifyWatchers(next);
    return result;
  }

  @Override
  public void putNode(Node node) {
    ClusterSnapshot next;
    synchronized (writeLock) {
      Map<String, Node> nodes = new HashMap<>(current.nodes());
      nodes.put(node.id(), node);
      next = current.withNodes(current.revision() + 1, nodes);
      current = next;
    }
    notifyWatchers(next);
  }

  @Override
  public void putObservations(String nodeId, List<ReplicaObservation> observations) {
    Map<String, ReplicaObservation> byId = new HashMap<>();
    observations.forEach(o -> byId.put(o.replicaId(), o));
    ClusterSnapshot next;
    synchronized (writeLock) {
      // Observations are only looked up by node, never iterated: a report copies one shard, not 5,000 nodes' worth.
      Map<String, Map<String, ReplicaObservation>> all =
          ShardedMap.copyOf(current.observations()).edit().put(nodeId, Map.copyOf(byId)).build();
      next = current.withObservations(current.revision() + 1, all);
      current = next;
    }
    notifyWatchers(next);
  }

  @Override
  public void addEvent(String appKey, AppEvent event) {
    Deque<AppEvent> deque = events.computeIfAbsent(appKey, k -> new ArrayDeque<>());
    synchronized (deque) {
      deque.addLast(event);
      while (deque.size() > EVENTS_PER_APP) {
        deque.removeFirst();
      }
    }
  }

  @Override
  public List<AppEvent> events(String appKey) {
    Deque<AppEvent> deque = events.get(appKey);
    if (deque == null) {
      return List.of();
    }
    synchronized (deque) {
      return List.copyOf(new ArrayList<>(deque));
    }
  }

  @Override
  public void watch(Consumer<ClusterSnapshot> listener) {
    watchers.add(listener);
  }

  @Override
  public void close() {
    journal.close();
  }

  private void notifyWatchers(ClusterSnapshot snapshot) {
    for (Consumer<ClusterSnapshot> watcher : watchers) {
      watcher.accept(snapshot);
    }
  }
}
