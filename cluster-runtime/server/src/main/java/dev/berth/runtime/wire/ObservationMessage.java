package dev.berth.runtime.wire;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * What the agent sees of one replica's container. Times are epoch milliseconds, 0 for none; {@code exitCode} is
 * {@code null} while the container has not ended; {@code jvmSizing} is where its JVM flags came from, empty for none.
 */
public record ObservationMessage(
    String replicaId,
    long revision,
    int attempt,
    String containerId,
    String state,
    Integer exitCode,
    boolean oomKilled,
    String health,
    HashMap<Integer, Integer> hostPorts,
    long startedAtMillis,
    long finishedAtMillis,
    long memoryUsedBytes,
    long cpuMillisUsed,
    String message,
    ArrayList<String> lastLogLines,
    String jvmSizing) {}
