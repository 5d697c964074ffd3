package dev.berth.runtime.wire;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * One replica a node must run; {@code health} is {@code null} for no check, {@code jvmSizing} {@code null} when
 * {@code env} is final.
 */
public record ReplicaSpecMessage(
    String replicaId,
    String namespace,
    String app,
    long revision,
    int attempt,
    String image,
    ArrayList<String> command,
    ArrayList<String> args,
    HashMap<String, String> env,
    long memoryLimitBytes,
    long cpuMillis,
    ArrayList<PortMessage> ports,
    HashMap<String, String> configFiles,
    HealthCheckMessage health,
    HashMap<String, String> labels,
    JvmSizingMessage jvmSizing) {}
