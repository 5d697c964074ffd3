package dev.berth.runtime.agent.health;

import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.HealthState;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Probes every watched container when its period comes round and keeps the verdict: {@code failureThreshold}
 * failures in a row make it UNHEALTHY, one pass makes it HEALTHY. {@link #probeDue} returns whether any verdict
 * changed, so the caller reports at once.
 */
public final class HealthMonitor {

  private final ContainerRuntime runtime;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();

  public HealthMonitor(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  private static final class Watched {
    final HealthProbe probe;
    volatile Instant nextAt;
    volatile String address;
    volatile Integer hostPort;
    int failures;
    volatile HealthState state = HealthState.STARTING;
    volatile String lastFailure = "";

    Watched(HealthProbe probe, Instant startedAt) {
      this.probe = probe;
      this.nextAt = startedAt.plus(probe.initialDelay());
    }
  }

  /**
   * Starts (or keeps) watching a running container.
   *
   * @param address the container's own IP (probed directly: the engine's port proxy accepts connections even when
   *     nothing listens inside), or null to probe the published host port on 127.0.0.1
   */
  public void watch(String containerId, HealthProbe probe, Instant startedAt, String address,
      Map<Integer, Integer> hostPorts) {
    Watched w = watched.computeIfAbsent(containerId, id -> new Watched(probe, startedAt));
    w.address = address;
    w.hostPort = hostPorts.get(probe.port());
  }

  /** Stops watching every container not in {@code keep}. */
  public void retain(java.util.Set<String> keep) {
    watched.keySet().retainAll(keep);
  }

  /** The verdict for a watched container ({@link HealthState#STARTING} until the first probe). */
  public HealthState state(String containerId) {
    Watched w = watched.get(containerId);
    return w == null ? HealthState.STARTING : w.state;
  }

  /** The last failure's text, empty when none. */
  public String lastFailure(String containerId) {
    Watched w = watched.get(containerId);
    return w == null ? "" : w.lastFailure;
  }

  /** Runs the probes that are due; returns whether any verdict changed. */
  public boolean probeDue(Instant now) {
    boolean changed = false;
    for (Map.Entry<String, Watched> e : watched.entrySet()) {
      Watched w = e.getValue();
      if (now.isBefore(w.nextAt)) {
        continue;
      }
      HealthState before = w.state;
      String failure = check(e.getKey(), w);
      if (failure == null) {
        w.failures = 0;
        w.state = HealthState.HEALTHY;
        w.lastFailure = "";
      } else {
        w.failures++;
        w.lastFailure = failure;
        if (w.failures >= w.probe.failureThreshold()) {
          w.state = HealthState.UNHEALTHY;
        }
      }
      w.nextAt = now.plus(w.probe.period());
      changed |= before != w.state;
    }
    return changed;
  }

  /** One check; returns why it failed, or null when it passed. */
  private String check(String containerId, Watched w) {
    HealthProbe h = w.probe;
    int timeoutMs = (int) Math.max(100, h.timeout().toMillis());
    try {
      switch (h.kind()) {
        case HTTP -> {
          InetSocketAddress target = target(w);
          if (target == null) {
            return "port " + h.port() + " is not reachable";
          }
          HttpURLConnection c = (HttpURLConnection) URI.create(
              "http://" + target.getHostString() + ":" + target.getPort() + h.path()).toURL().openConnection();
          c.setConnectTimeout(timeoutMs);
          c.setReadTimeout(timeoutMs);
          int code = c.getResponseCode();
          c.disconnect();
          return code >= 200 && code < 400 ? null : "HTTP " + code + " from " + h.path();
        }
        case TCP -> {
          InetSocketAddress target = target(w);
          if (target == null) {
            return "port " + h.port() + " is not reachable";
          }
          try (Socket s = new Socket()) {
            s.connect(target, timeoutMs);
          }
          return null;
        }
        default -> {
          int code = runtime.exec(containerId, h.command(), timeoutMs);
          return code == 0 ? null : code < 0 ? "command timed out" : "command exited with " + code;
        }
      }
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static InetSocketAddress target(Watched w) {
    if (w.address != null) {
      return new InetSocketAddress(w.address, w.probe.port());
    }
    return w.hostPort == null ? null : new InetSocketAddress("127.0.0.1", w.hostPort);
  }
}
