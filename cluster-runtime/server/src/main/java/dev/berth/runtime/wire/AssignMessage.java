package dev.berth.runtime.wire;

import java.util.ArrayList;

/** The complete set of replicas the node must run; a lower {@code generation} than one applied is stale. */
public record AssignMessage(long generation, ArrayList<ReplicaSpecMessage> replicas) {}
