/**
 * The pure app reconciler: from desired state, existing replicas, a cluster snapshot and the time to the replicas
 * to store and the nodes to re-sync; also what each node must run. Depends on {@code .model}, {@code .scheduler},
 * {@code .rollout} and the api records; no I/O, no clock.
 */
package dev.berth.runtime.reconcile;
