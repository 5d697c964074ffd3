package dev.berth.runtime.rollout;

import dev.berth.runtime.api.spec.RolloutSpec;
import dev.berth.runtime.model.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides each step of a rolling update (and of plain scaling): how many new replicas to add and which to remove,
 * within maxSurge and maxUnavailable, counting only healthy replicas as available, and stopping the replacement
 * when no progress is made for the progress deadline. Pure.
 */
public final class RolloutPlanner {

  /**
   * The next step.
   *
   * @param desired desired replica count
   * @param revision the current revision
   * @param spec the update strategy
   * @param replicas every replica of the app, any revision
   * @param state the stored rollout state
   * @param now the time
   */
  public RolloutDecision plan(
      int desired, long revision, RolloutSpec spec, List<ReplicaHealth> replicas, RolloutState state, Instant now) {
    List<ReplicaHealth> current = new ArrayList<>();
    List<ReplicaHealth> old = new ArrayList<>();
    for (ReplicaHealth r : replicas) {
      (r.revision() == revision ? current : old).add(r);
    }
    RolloutState s = state.revision() == revision ? state : RolloutState.start(revision, now, old.size());
    int readyNew = (int) current.stream().filter(ReplicaHealth::ready).count();
    int readyOld = (int) old.stream().filter(ReplicaHealth::ready).count();

    // Progress moves the deadline: more new replicas ready, or fewer old ones left.
    if (readyNew > s.readyNew() || old.size() < s.oldRemaining()) {
      s = new RolloutState(revision, s.phase(), s.startedAt(), now, readyNew, old.size(), s.message());
    }
    boolean frozen = RolloutState.FAILED.equals(s.phase()) && !old.isEmpty();

    int create = 0;
    List<String> remove = new ArrayList<>();
    if (old.isEmpty()) {
      // Plain scaling: no replacement to guard, so it proceeds even after a failed rollout.
      create = Math.max(0, desired - current.size());
      remove.addAll(surplus(current, current.size() - desired));
    } else if (!frozen) {
      int surge = spec.surgeFor(desired);
      int minAvailable = desired - spec.unavailableFor(desired);
      int total = current.size() + old.size();
      create = Math.max(0, Math.min(desired - current.size(), desired + surge - total));
      remove.addAll(surplus(current, current.size() - desired));
      // Old replicas that are not ready cost no availability: they go first.
      old.stream().filter(r -> !r.ready()).map(ReplicaHealth::id).sorted().forEach(remove::add);
      int available = readyNew + readyOld;
      List<ReplicaHealth> readyOldSorted =
          old.stream().filter(ReplicaHealth::ready).sorted(Comparator.comparing(ReplicaHealth::id)).toList();
      for (ReplicaHealth r : readyOldSorted) {
        // Keep old replicas while the new ones cannot yet cover the desired count.
        if (available - 1 < minAvailable) {
          break;
        }
        remove.add(r.id());
        available--;
      }
    }

    // Judge completion on the state after this step, so the pass that removes the last old replica completes it.
    long oldAfter = old.stream().filter(r -> !remove.contains(r.id())).count();
    long currentAfter = current.stream().filter(r -> !remove.contains(r.id())).count() + create;
    long readyAfter = current.stream().filter(r -> r.ready() && !remove.contains(r.id())).count();
    String message;
    Duration recheck = null;
    if (RolloutState.COMPLETE.equals(s.phase()) && old.isEmpty()) {
      // A finished rollout stays finished: later crashes and scaling are availability, shown by the ready count.
      message = readyNew + "/" + desired + " replicas of revision " + revision + " ready";
    } else if (oldAfter == 0 && readyAfter >= desired && currentAfter == desired) {
      s = withPhase(s, RolloutState.COMPLETE, "");
      message = "all " + desired + " replicas of revision " + revision + " are ready";
    } else if (RolloutState.FAILED.equals(s.phase())) {
      message = s.message();
    } else {
      Instant deadline = s.lastProgressAt().plus(spec.progressDeadlineDuration());
      if (!now.isBefore(deadline)) {
        String why =
            "no progress for " + spec.progressDeadline() + ": " + readyNew + "/" + desired + " replicas of revision "
                + revision + " ready, " + old.size() + " old replicas left";
        s = withPhase(s, RolloutState.FAILED, why);
        message = why;
        if (!old.isEmpty()) {
          create = 0;
          remove.removeIf(id -> old.stream().anyMatch(r -> r.id().equals(id)));
        }
      } else {
        s = withPhase(s, RolloutState.PROGRESSING, "");
        recheck = Duration.between(now, deadline);
        message = "waiting for " + Math.max(0, desired - readyNew) + " of " + desired + " replicas of revision "
            + revision + " to be ready" + (old.isEmpty() ? "" : ", " + old.size() + " old replicas left");
      }
    }
    return new RolloutDecision(create, remove, s, recheck, message);
  }

  /** The {@code count} replicas to drop first: unplaced, then not ready, then the highest ids. */
  private static List<String> surplus(List<ReplicaHealth> replicas, int count) {
    if (count <= 0) {
      return List.of();
    }
    return replicas.stream()
        .sorted(
            Comparator.comparing((ReplicaHealth r) -> r.placed())
                .thenComparing(ReplicaHealth::ready)
                .thenComparing(ReplicaHealth::id, Comparator.reverseOrder()))
        .limit(count)
        .map(ReplicaHealth::id)
        .toList();
  }

  private static RolloutState withPhase(RolloutState s, String phase, String message) {
    return new RolloutState(
        s.revision(), phase, s.startedAt(), s.lastProgressAt(), s.readyNew(), s.oldRemaining(), message);
  }
}
