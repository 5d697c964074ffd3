package dev.berth.runtime.model;

import dev.berth.runtime.api.spec.AppSpec;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Replicas counted onto or off their nodes, summed per node, then applied to each node's {@link NodeUsage}: how the
 * store's index follows a write and how the scheduler sees a cluster whose replicas a pass replaces.
 */
public final class UsageChange {

  // Parsing a spec's resource text is the costly part; many replicas share one spec.
  private final Map<AppSpec, long[]> parsed = new IdentityHashMap<>();
  private final Map<String, long[]> resources = new HashMap<>();
  private final Map<String, Map<String, Integer>> perApp = new HashMap<>();

  /** Counts {@code r} on its node ({@code sign} +1) or off it (-1) with its request under {@code apps}. */
  public void add(Map<String, AppRecord> apps, Replica r, int sign) {
    if (!r.placed()) {
      return;
    }
    long[] request = requestOf(apps, r);
    long[] sum = resources.computeIfAbsent(r.nodeId(), k -> new long[2]);
    sum[0] += sign * request[0];
    sum[1] += sign * request[1];
    perApp.computeIfAbsent(r.nodeId(), k -> new HashMap<>()).merge(r.appKey(), sign, Integer::sum);
  }

  /** Whether no replica was counted. */
  public boolean isEmpty() {
    return resources.isEmpty();
  }

  /** The nodes whose usage changes. */
  public Set<String> nodes() {
    return resources.keySet();
  }

  /** {@code before} with this change applied for {@code nodeId}. */
  public NodeUsage applyTo(String nodeId, NodeUsage before) {
    long[] delta = resources.get(nodeId);
    if (delta == null) {
      return before;
    }
    Map<String, Integer> counts = new HashMap<>(before.replicasPerApp());
    perApp.get(nodeId).forEach((app, d) -> {
      int n = counts.getOrDefault(app, 0) + d;
      if (n == 0) {
        counts.remove(app);
      } else {
        counts.put(app, n);
      }
    });
    return new NodeUsage(before.cpuMillis() + delta[0], before.memoryBytes() + delta[1], counts);
  }

  /** CPU millis and memory bytes {@code replica} requests: its app's spec for its revision, or nothing. */
  private long[] requestOf(Map<String, AppRecord> apps, Replica replica) {
    AppRecord app = apps.get(replica.appKey());
    if (app == null) {
      return new long[2];
    }
    return parsed.computeIfAbsent(
        app.specFor(replica.revision()),
        spec -> new long[] {spec.resources().cpuMillis(), spec.resources().memoryBytes()});
  }
}
