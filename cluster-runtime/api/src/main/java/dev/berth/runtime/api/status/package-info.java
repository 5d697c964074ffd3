/** Observed-state records the master reports: apps, replicas, nodes, rollouts, placement failures, events. */
package dev.berth.runtime.api.status;
