/**
 * The master's state store: {@link dev.berth.runtime.store.StateStore}, the in-memory store controllers are
 * tested on, and the durable MVStore-backed one. Depends on {@code .model}, the api records and MVStore.
 */
package dev.berth.runtime.store;
