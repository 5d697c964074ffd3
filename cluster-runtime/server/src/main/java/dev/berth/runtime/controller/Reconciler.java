package dev.berth.runtime.controller;

import java.time.Duration;

/** One level-based pass for a key: re-read the state, converge, and say when to look again. */
@FunctionalInterface
public interface Reconciler<K> {

  /**
   * Reconciles {@code key}. Returns when to run again without a change, or {@code null}. Throws to retry with
   * backoff; throws {@link TerminalException} when a retry cannot help.
   */
  Duration reconcile(K key) throws Exception;
}
