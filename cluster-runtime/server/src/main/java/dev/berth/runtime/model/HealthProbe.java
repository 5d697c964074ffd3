package dev.berth.runtime.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the agent checks a replica's health: an HTTP GET, a TCP connect, or a command run inside the container.
 * The agent probes every {@code period} after {@code initialDelay}; {@code failureThreshold} failures in a row
 * make the replica {@link HealthState#UNHEALTHY}, one success makes it {@link HealthState#HEALTHY}.
 *
 * @param kind the probe's kind
 * @param port container port for HTTP and TCP probes (0 for COMMAND)
 * @param path HTTP path, e.g. {@code /health} (empty for TCP and COMMAND)
 * @param command argv run in the container for COMMAND probes (empty otherwise); exit 0 is healthy
 * @param initialDelay wait after the container starts before the first probe
 * @param period time between probes
 * @param timeout time one probe may take
 * @param failureThreshold consecutive failures that make the replica unhealthy, at least 1
 */
public record HealthProbe(
    Kind kind,
    int port,
    String path,
    List<String> command,
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int failureThreshold) {

  /** The kinds of probe. */
  public enum Kind {
    HTTP,
    TCP,
    COMMAND
  }

  public HealthProbe {
    Objects.requireNonNull(kind, "kind");
    path = path == null ? "" : path;
    command = command == null ? List.of() : List.copyOf(command);
    initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
    period = period == null ? Duration.ofSeconds(10) : period;
    timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold " + failureThreshold + " is below 1");
    }
  }
}
