package dev.berth.runtime.model;

import dev.berth.runtime.api.status.PlacementFailure;
import java.time.Instant;
import java.util.Objects;

/**
 * One replica of an app as the master wants it: which revision, on which node, which start attempt. Stored
 * durably, so a restarted master keeps its placements.
 *
 * @param id unique id, {@code <namespace>.<app>-<revision>-<suffix>}
 * @param appKey the app's {@code namespace/name}
 * @param revision the app revision it runs
 * @param nodeId the node it is placed on, or {@code null} while pending
 * @param attempt start attempt; raised for every restart
 * @param crashCount crashes in a row (drives the crash-loop backoff; reset after a long clean run)
 * @param createdAt when it was created
 * @param attemptAt when the current attempt began (placement or restart); crash-loop backoff counts from it
 * @param pending why it is not placed, or {@code null}
 */
public record Replica(
    String id,
    String appKey,
    long revision,
    String nodeId,
    int attempt,
    int crashCount,
    Instant createdAt,
    Instant attemptAt,
    PlacementFailure pending) {

  public Replica {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(appKey, "appKey");
    attemptAt = attemptAt == null ? createdAt : attemptAt;
  }

  /** A new, pending replica. */
  public static Replica create(String id, String appKey, long revision, Instant now) {
    return new Replica(id, appKey, revision, null, 0, 0, now, now, null);
  }

  /** Whether the replica has a node. */
  public boolean placed() {
    return nodeId != null;
  }

  /** Returns a copy placed on {@code node}. */
  public Replica placedOn(String node, Instant now) {
    return new Replica(id, appKey, revision, node, attempt, crashCount, createdAt, now, null);
  }

  /** Returns a copy without a node, with the reason it has none. */
  public Replica unplaced(PlacementFailure why) {
    return new Replica(id, appKey, revision, null, attempt, crashCount, createdAt, attemptAt, why);
  }

  /** Returns a copy taken off a lost node: pending, with a new attempt so the old node's container is not reused. */
  public Replica lost(Instant now) {
    return new Replica(id, appKey, revision, null, attempt + 1, crashCount, createdAt, now, null);
  }

  /** Returns a copy for the next start attempt. */
  public Replica restarted(int newCrashCount, Instant now) {
    return new Replica(id, appKey, revision, nodeId, attempt + 1, newCrashCount, createdAt, now, pending);
  }
}
