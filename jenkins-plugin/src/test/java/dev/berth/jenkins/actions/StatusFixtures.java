package dev.berth.jenkins.actions;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The master's status records for the dashboard tests, built with the runtime's own record types. */
final class StatusFixtures {

  private StatusFixtures() {}

  /** An app with {@code ready} of {@code desired} replicas ready, one replica per node name given. */
  static AppStatus app(String namespace, String name, long revision, int desired, int ready, String phase,
      String... nodes) {
    List<ReplicaStatus> replicas = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      replicas.add(new ReplicaStatus(name + "-" + revision + "-" + i, nodes[i], revision,
          ReplicaStatus.Phase.RUNNING, i < ready ? "healthy" : "starting", 0, null, false, null, "10.0.0." + i,
          Instant.parse("2026-11-25T08:00:00Z"), null, null, "", List.of(), null, ""));
    }
    RolloutStatus rollout = phase == null ? null : new RolloutStatus(revision, phase, desired, desired, ready, 0,
        Instant.parse("2026-11-25T08:01:00Z"), null, phase.equals(RolloutStatus.FAILED) ? "health check failed" : "");
    return new AppStatus(ApiJson.readSpec("name: " + name + "\nnamespace: " + namespace
        + "\nimage: 127.0.0.1:5000/" + name + ":" + revision + "\nreplicas: " + desired + "\n"),
        revision, desired, nodes.length, ready, replicas, rollout, List.of());
  }

  /** The statuses as the master sends them and {@code BerthClient} reads them: through the runtime's JSON. */
  static List<AppStatus> overTheWire(AppStatus... apps) {
    return ApiJson.readList(ApiJson.toJson(List.of(apps)), AppStatus.class);
  }
}
