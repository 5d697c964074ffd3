package dev.berth.runtime.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys to reconcile, as in controller-runtime: a key waiting once is queued once however often it is
 * added; a key being processed is not handed to a second worker, and is queued again afterwards when it was added
 * meanwhile; failures retry with a doubling delay.
 */
public final class WorkQueue<K> implements AutoCloseable {

  static final Duration RETRY_BASE = Duration.ofMillis(50);
  static final Duration RETRY_MAX = Duration.ofSeconds(10);

  private final LinkedHashSet<K> queue = new LinkedHashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirty = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final ScheduledExecutorService delays;
  private boolean closed;

  public WorkQueue(String name) {
    this.delays =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-delays");
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues {@code key} unless it is already waiting. */
  public synchronized void add(K key) {
    if (closed) {
      return;
    }
    if (processing.contains(key)) {
      dirty.add(key);
      return;
    }
    if (queue.add(key)) {
      notifyAll();
    }
  }

  /** Queues {@code key} after {@code delay}. */
  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    delays.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next key, waiting for one; {@code null} once closed. The caller must call {@link #done} after. */
  public synchronized K take() throws InterruptedException {
    while (queue.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    K key = queue.iterator().next();
    queue.remove(key);
    processing.add(key);
    return key;
  }

  /** Marks {@code key} processed; queues it again when it was added meanwhile. */
  public synchronized void done(K key) {
    processing.remove(key);
    if (dirty.remove(key) && !closed) {
      queue.add(key);
      notifyAll();
    }
  }

  /** Clears the key's failure count after a successful pass. */
  public synchronized void forget(K key) {
    failures.remove(key);
  }

  /** Queues the key again after a doubling delay (50 ms, 100 ms, ... up to 10 s). */
  public void retry(K key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum);
    }
    long millis = Math.min(RETRY_MAX.toMillis(), RETRY_BASE.toMillis() << Math.min(n - 1, 20));
    addAfter(key, Duration.ofMillis(millis));
  }

  /** Keys waiting now (for tests and metrics). */
  public synchronized int size() {
    return queue.size();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    delays.shutdownNow();
  }
}
