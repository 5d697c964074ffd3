package dev.berth.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.spec.RolloutSpec;
import dev.berth.runtime.model.RolloutState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the rolling-update planner over generated replica sets. */
class RolloutPlannerProperties {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Provide
  Arbitrary<RolloutSpec> specs() {
    return Arbitraries.of("0", "1", "2", "25%", "50%", "100%")
        .tuple2()
        .filter(t -> !(t.get1().replace("%", "").equals("0") && t.get2().replace("%", "").equals("0")))
        .map(t -> new RolloutSpec(null, t.get1(), t.get2(), "600s"));
  }

  private static List<ReplicaHealth> replicas(int oldReady, int oldNotReady, int newReady, int newNotReady) {
    List<ReplicaHealth> out = new ArrayList<>();
    for (int i = 0; i < oldReady; i++) {
      out.add(new ReplicaHealth("o-r" + i, 1, true, true));
    }
    for (int i = 0; i < oldNotReady; i++) {
      out.add(new ReplicaHealth("o-n" + i, 1, true, false));
    }
    for (int i = 0; i < newReady; i++) {
      out.add(new ReplicaHealth("n-r" + i, 2, true, true));
    }
    for (int i = 0; i < newNotReady; i++) {
      out.add(new ReplicaHealth("n-n" + i, 2, true, false));
    }
    return out;
  }

  @Property
  void neverDropsAvailabilityBelowMinimum_norExceedsSurge(
      @ForAll("specs") RolloutSpec spec,
      @ForAll @IntRange(min = 1, max = 20) int desired,
      @ForAll @IntRange(max = 20) int oldReady,
      @ForAll @IntRange(max = 5) int oldNotReady,
      @ForAll @IntRange(max = 20) int newReady,
      @ForAll @IntRange(max = 5) int newNotReady) {
    List<ReplicaHealth> rs = replicas(oldReady, oldNotReady, newReady, newNotReady);
    RolloutDecision d =
        new RolloutPlanner().plan(desired, 2, spec, rs, RolloutState.start(2, NOW, oldReady + oldNotReady), NOW);

    int readyBefore = oldReady + newReady;
    long readyRemoved = rs.stream().filter(r -> r.ready() && d.remove().contains(r.id())).count();
    int minAvailable = desired - spec.unavailableFor(desired);
    // Removing ready replicas never takes availability below the floor (unless it already was, then none go),
    // except surplus new replicas beyond the desired count.
    long readyOldRemoved =
        rs.stream().filter(r -> r.ready() && r.revision() == 1 && d.remove().contains(r.id())).count();
    if (readyOldRemoved > 0) {
      assertThat(readyBefore - readyRemoved).isGreaterThanOrEqualTo(minAvailable);
    }
    int total = rs.size();
    if (oldReady + oldNotReady > 0) {
      assertThat(total + d.create()).isLessThanOrEqualTo(Math.max(total, desired + spec.surgeFor(desired)));
    }
    assertThat(newReady + newNotReady + d.create()).isLessThanOrEqualTo(Math.max(desired, newReady + newNotReady));
    assertThat(d.remove()).doesNotHaveDuplicates();
  }

  @Property
  void repeatedStepsWithInstantReadiness_reachOnlyNewReplicas(
      @ForAll("specs") RolloutSpec spec,
      @ForAll @IntRange(min = 1, max = 15) int desired,
      @ForAll @IntRange(min = 1, max = 15) int oldCount) {
    List<ReplicaHealth> rs = replicas(oldCount, 0, 0, 0);
    RolloutState state = RolloutState.start(2, NOW, oldCount);
    RolloutPlanner planner = new RolloutPlanner();
    int created = 0;
    for (int step = 0; step < 100; step++) {
      RolloutDecision d = planner.plan(desired, 2, spec, rs, state, NOW.plus(Duration.ofSeconds(step)));
      state = d.state();
      List<ReplicaHealth> next = new ArrayList<>();
      for (ReplicaHealth r : rs) {
        if (!d.remove().contains(r.id())) {
          next.add(r);
        }
      }
      for (int i = 0; i < d.create(); i++) {
        next.add(new ReplicaHealth("new-" + created++, 2, true, true));
      }
      rs = next;
      if (RolloutState.COMPLETE.equals(state.phase())) {
        break;
      }
    }
    assertThat(state.phase()).isEqualTo(RolloutState.COMPLETE);
    assertThat(rs).hasSize(desired).allSatisfy(r -> assertThat(r.revision()).isEqualTo(2));
  }

  @Property
  void failedRollout_isFrozen(@ForAll @IntRange(min = 1, max = 10) int desired) {
    List<ReplicaHealth> rs = replicas(desired, 0, 0, 1);
    RolloutState failed = new RolloutState(2, RolloutState.FAILED, NOW, NOW, 0, desired, "deadline");

    RolloutDecision d = new RolloutPlanner().plan(desired, 2, RolloutSpec.defaults(), rs, failed, NOW);

    assertThat(d.create()).isZero();
    assertThat(d.remove()).isEmpty();
  }
}
