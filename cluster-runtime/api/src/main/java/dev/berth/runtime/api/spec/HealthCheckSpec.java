package dev.berth.runtime.api.spec;

import java.time.Duration;
import java.util.List;

/**
 * How a replica's health is checked: exactly one of an HTTP GET ({@code http}), a TCP connect ({@code tcp}) or a
 * command run in the container ({@code command}). A rolling update waits for new replicas to be healthy; a
 * replica that fails {@code failureThreshold} checks in a row is restarted.
 *
 * @param http HTTP check: a 2xx or 3xx answer on {@code path} is healthy
 * @param tcp TCP check: an accepted connection is healthy
 * @param command command run inside the container; exit code 0 is healthy
 * @param initialDelay wait after the start before the first check; default {@code 0s}
 * @param period time between checks; default {@code 5s}
 * @param timeout time one check may take; default {@code 2s}
 * @param failureThreshold failures in a row that make the replica unhealthy; default 3
 */
public record HealthCheckSpec(
    HttpCheck http,
    TcpCheck tcp,
    List<String> command,
    String initialDelay,
    String period,
    String timeout,
    Integer failureThreshold) {

  public HealthCheckSpec {
    command = command == null ? List.of() : List.copyOf(command);
    int kinds = (http != null ? 1 : 0) + (tcp != null ? 1 : 0) + (command.isEmpty() ? 0 : 1);
    if (kinds != 1) {
      throw new SpecValidationException(
          "", kinds + " kinds of check", "exactly one of http, tcp or command");
    }
    initialDelay = initialDelay == null ? "0s" : initialDelay;
    period = period == null ? "5s" : period;
    timeout = timeout == null ? "2s" : timeout;
    DurationText.parse("initialDelay", initialDelay);
    if (DurationText.parse("period", period).isZero()) {
      throw new SpecValidationException("period", period, "a duration above zero, e.g. 5s");
    }
    if (DurationText.parse("timeout", timeout).isZero()) {
      throw new SpecValidationException("timeout", timeout, "a duration above zero, e.g. 2s");
    }
    failureThreshold = failureThreshold == null ? 3 : failureThreshold;
    if (failureThreshold < 1 || failureThreshold > 100) {
      throw new SpecValidationException("failureThreshold", failureThreshold, "a whole number from 1 to 100");
    }
  }

  /** Parsed {@link #initialDelay()}. */
  public Duration initialDelayDuration() {
    return DurationText.parse("initialDelay", initialDelay);
  }

  /** Parsed {@link #period()}. */
  public Duration periodDuration() {
    return DurationText.parse("period", period);
  }

  /** Parsed {@link #timeout()}. */
  public Duration timeoutDuration() {
    return DurationText.parse("timeout", timeout);
  }

  /**
   * An HTTP GET check.
   *
   * @param path request path, starting with '/'; default {@code /}
   * @param port container port; default the app's first port
   */
  public record HttpCheck(String path, Integer port) {
    public HttpCheck {
      path = path == null ? "/" : path;
      if (!path.startsWith("/") || path.contains(" ")) {
        throw new SpecValidationException("path", path, "a URL path starting with '/', e.g. /health");
      }
      if (port != null && (port < 1 || port > 65535)) {
        throw new SpecValidationException("port", port, "a port number from 1 to 65535");
      }
    }
  }

  /**
   * A TCP connect check.
   *
   * @param port container port; default the app's first port
   */
  public record TcpCheck(Integer port) {
    public TcpCheck {
      if (port != null && (port < 1 || port > 65535)) {
        throw new SpecValidationException("port", port, "a port number from 1 to 65535");
      }
    }
  }
}
