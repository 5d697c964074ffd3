/**
 * Build jobs on a node: fetches a job's context from the master, makes sure the offline bases it needs exist, runs
 * Berth's builder as a container with the engine's socket mounted, and reports its phase, log and result.
 */
package dev.berth.runtime.agent.build;
