package dev.berth.runtime.rollout;

/**
 * What the rollout planner needs to know of one replica.
 *
 * @param id the replica's id
 * @param revision the revision it runs
 * @param placed whether it has a node
 * @param ready whether it runs and passes its health check
 */
public record ReplicaHealth(String id, long revision, boolean placed, boolean ready) {}
