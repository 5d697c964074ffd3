package dev.berth.runtime.wire;

import java.util.ArrayList;

/** How to probe a replica: kind {@code HTTP}, {@code TCP} or {@code COMMAND}; durations in milliseconds. */
public record HealthCheckMessage(
    String kind,
    int port,
    String path,
    ArrayList<String> command,
    long initialDelayMillis,
    long periodMillis,
    long timeoutMillis,
    int failureThreshold) {}
