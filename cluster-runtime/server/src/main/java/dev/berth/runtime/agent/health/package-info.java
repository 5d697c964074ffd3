/**
 * Health probes the agent runs against its replicas: HTTP GET, TCP connect or a command in the container, with
 * initial delay, period, timeout and failure threshold. Depends on {@code .agent.container} and {@code .model}.
 */
package dev.berth.runtime.agent.health;
