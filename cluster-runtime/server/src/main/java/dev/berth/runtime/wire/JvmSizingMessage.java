package dev.berth.runtime.wire;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * Master → node, inside a {@link ReplicaSpecMessage}: size this replica's JVM from its image's labels on the node.
 * {@code env} is the spec's environment before JVM settings; {@code factLabels} the facts the spec carries.
 */
public record JvmSizingMessage(
    HashMap<String, String> env, String maxHeap, ArrayList<String> flags, HashMap<String, String> factLabels) {}
