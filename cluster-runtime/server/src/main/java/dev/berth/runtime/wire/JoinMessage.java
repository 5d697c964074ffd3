package dev.berth.runtime.wire;

import java.util.HashMap;

/** The agent's description of its node, sent as the first authenticated frame after the welcome. */
public record JoinMessage(
    String nodeId,
    String address,
    long cpuMillis,
    long memoryBytes,
    HashMap<String, String> labels,
    String engineVersion) {}
