package dev.berth.runtime.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Runs a {@link Reconciler} over a {@link WorkQueue} on worker threads until closed. */
public final class ControllerRunner<K> implements AutoCloseable {

  private final String name;
  private final WorkQueue<K> queue;
  private final Reconciler<K> reconciler;
  private final BiConsumer<K, Exception> errors;
  private final List<Thread> workers = new ArrayList<>();

  /**
   * @param errors told of every failed pass (the runner retries or, for {@link TerminalException}, drops the key)
   */
  public ControllerRunner(String name, WorkQueue<K> queue, Reconciler<K> reconciler, BiConsumer<K, Exception> errors) {
    this.name = name;
    this.queue = queue;
    this.reconciler = reconciler;
    this.errors = errors;
  }

  /** Starts {@code count} workers. */
  public ControllerRunner<K> start(int count) {
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(this::work, name + "-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    return this;
  }

  private void work() {
    while (true) {
      K key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      try {
        Duration again = reconciler.reconcile(key);
        queue.forget(key);
        if (again != null) {
          queue.addAfter(key, again);
        }
      } catch (TerminalException e) {
        queue.forget(key);
        errors.accept(key, e);
      } catch (Exception e) {
        errors.accept(key, e);
        queue.retry(key);
      } finally {
        queue.done(key);
      }
    }
  }

  @Override
  public void close() {
    queue.close();
    workers.forEach(Thread::interrupt);
  }
}
