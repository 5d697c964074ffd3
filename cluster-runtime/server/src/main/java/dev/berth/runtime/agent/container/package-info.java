/**
 * The agent's view of a container engine: {@link dev.berth.runtime.agent.container.ContainerRuntime} (docker-java
 * in production, a fake in tests, one contract test for both) and
 * {@link dev.berth.runtime.agent.container.ContainerLabels}. JDK only.
 */
package dev.berth.runtime.agent.container;
