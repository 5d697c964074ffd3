/**
 * {@link dev.berth.runtime.agent.sync.AssignmentSync}: the agent's node-local, level-based reconcile of the
 * replicas the master assigned against the containers the engine lists by label. Restarts and crash-loop backoff
 * belong to the master (RUNTIME-BOUNDARY.md); the agent reports and leaves ended containers. A replica whose spec
 * had no JVM facts is sized here from its image's labels ({@code ImageLabelSizing}). Depends on
 * {@code .agent.container}, {@code .agent.health}, {@code .model}, {@code .sizing} and the api's facts and spec.
 */
package dev.berth.runtime.agent.sync;
