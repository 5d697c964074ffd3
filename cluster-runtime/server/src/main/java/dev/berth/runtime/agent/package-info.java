/**
 * The node agent's composition root: {@link dev.berth.runtime.agent.AgentMain} wires the container runtime, the
 * assignment sync and the link to the master from an {@link dev.berth.runtime.agent.AgentConfig}. Depends on
 * {@code .agent.*}, {@code .model} and {@code .wire} (the join token); never on the master.
 */
package dev.berth.runtime.agent;
