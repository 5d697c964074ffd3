package dev.berth.runtime.store;

import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.Replica;
import java.util.List;

/**
 * One atomic change to the desired state: all of it reaches the disk, or none of it does.
 *
 * @param putApps apps to create or replace
 * @param deleteApps app keys to remove
 * @param putReplicas replicas to create or replace
 * @param deleteReplicas replica ids to remove
 */
public record StoreWrite(
    List<AppRecord> putApps, List<String> deleteApps, List<Replica> putReplicas, List<String> deleteReplicas) {

  public StoreWrite {
    putApps = putApps == null ? List.of() : List.copyOf(putApps);
    deleteApps = deleteApps == null ? List.of() : List.copyOf(deleteApps);
    putReplicas = putReplicas == null ? List.of() : List.copyOf(putReplicas);
    deleteReplicas = deleteReplicas == null ? List.of() : List.copyOf(deleteReplicas);
  }

  /** A write that changes nothing. */
  public static StoreWrite none() {
    return new StoreWrite(null, null, null, null);
  }

  /** A write of one app. */
  public static StoreWrite app(AppRecord app) {
    return new StoreWrite(List.of(app), null, null, null);
  }

  /** Whether the write changes nothing. */
  public boolean isEmpty() {
    return putApps.isEmpty() && deleteApps.isEmpty() && putReplicas.isEmpty() && deleteReplicas.isEmpty();
  }
}
