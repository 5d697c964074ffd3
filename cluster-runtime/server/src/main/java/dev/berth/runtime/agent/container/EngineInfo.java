package dev.berth.runtime.agent.container;

/** What an engine offers: its version, CPUs and memory. */
public record EngineInfo(String version, int cpus, long memoryBytes) {}
