package dev.berth.runtime.agent.container;

/** One sample of a running container's resource use: memory in bytes, CPU in thousandths of a core. */
public record ContainerUsage(long memoryBytes, long cpuMillis) {}
