package dev.berth.runtime.store;

import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.Replica;
import java.util.Map;

/** Where the in-memory store makes desired-state writes durable before it applies them. */
interface Journal extends AutoCloseable {

  /** Persists a write; returns only once it is on disk. */
  void append(StoreWrite write);

  /** The stored apps by key. */
  Map<String, AppRecord> apps();

  /** The stored replicas by id. */
  Map<String, Replica> replicas();

  @Override
  void close();

  /** No persistence: for tests and throwaway masters. */
  Journal NONE =
      new Journal() {
        @Override
        public void append(StoreWrite write) {}

        @Override
        public Map<String, AppRecord> apps() {
          return Map.of();
        }

        @Override
        public Map<String, Replica> replicas() {
          return Map.of();
        }

        @Override
        public void close() {}
      };
}
