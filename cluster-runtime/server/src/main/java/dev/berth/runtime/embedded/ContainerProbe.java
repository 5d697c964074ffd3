package dev.berth.runtime.embedded;

import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.HealthState;
import java.time.Instant;

/** One replica's health-check state: consecutive failures and the verdict. */
final class ContainerProbe {

  final HealthProbe probe;
  final Instant startedAt;
  Instant nextAt;
  int failures;
  HealthState state = HealthState.STARTING;
  String lastFailure = "";
  volatile java.util.Map<Integer, Integer> hostPorts = java.util.Map.of();
  volatile String containerIp;

  ContainerProbe(HealthProbe probe, Instant startedAt) {
    this.probe = probe;
    this.startedAt = startedAt;
    this.nextAt = startedAt.plus(probe.initialDelay());
  }

  void passed(Instant now) {
    failures = 0;
    state = HealthState.HEALTHY;
    lastFailure = "";
    nextAt = now.plus(probe.period());
  }

  void failed(Instant now, String why) {
    failures++;
    lastFailure = why;
    if (failures >= probe.failureThreshold()) {
      state = HealthState.UNHEALTHY;
    }
    nextAt = now.plus(probe.period());
  }
}
