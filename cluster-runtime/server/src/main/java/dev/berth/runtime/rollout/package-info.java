/**
 * The pure rolling-update planner: maxSurge, maxUnavailable, health-gated replacement and the progress deadline.
 * Depends on {@code .model} and the api records only.
 */
package dev.berth.runtime.rollout;
