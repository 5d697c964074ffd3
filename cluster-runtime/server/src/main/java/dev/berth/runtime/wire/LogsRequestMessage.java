package dev.berth.runtime.wire;

/** Asks a node for the last {@code tailLines} log lines of a replica's current or last container. */
public record LogsRequestMessage(String replicaId, int tailLines) {}
