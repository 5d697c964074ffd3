package dev.berth.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * What a node needs to size a JVM replica whose spec asks for sizing but carries no JVM facts: the node reads
 * the facts from the image's labels and computes the environment with the same rules as the master
 * (RUNTIME-BOUNDARY.md, "JVM sizing on the node"). The memory limit and CPU are the assignment's.
 *
 * @param env the spec's own environment, before any JVM settings
 * @param maxHeap the spec's {@code jvm.maxHeap}, or {@code null}
 * @param flags the spec's {@code jvm.flags}
 * @param factLabels the facts the spec does carry, as image labels ({@code FactLabels}); they win over the
 *     image's own labels
 */
public record NodeJvmSizing(Map<String, String> env, String maxHeap, List<String> flags,
    Map<String, String> factLabels) {

  /**
   * Container label saying where a replica's JVM flags came from: {@value #FROM_SPEC} when the master sized it
   * from the spec's facts, {@code image labels on node <id>} or {@code none (…)} when the node did. Absent when
   * the spec turned sizing off.
   */
  public static final String LABEL = "berth.jvm-sizing";

  /** {@link #LABEL}'s value for a replica the master sized from its spec's facts. */
  public static final String FROM_SPEC = "spec facts";

  public NodeJvmSizing {
    env = env == null ? Map.of() : Map.copyOf(env);
    flags = flags == null ? List.of() : List.copyOf(flags);
    factLabels = factLabels == null ? Map.of() : Map.copyOf(factLabels);
  }
}
