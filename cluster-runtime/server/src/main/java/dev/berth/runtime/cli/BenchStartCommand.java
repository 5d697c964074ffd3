package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth bench-start}: start overhead (RUNTIME.md T3). Alternates {@code berth apply} of one replica (through
 * the API, from submit to the engine's {@code start} event) with a bare {@code docker run -d} of the same image
 * and limits (from the call to its {@code start} event), and prints both side by side. Needs a running master with
 * an agent on this machine's engine ({@code berth up}).
 */
@Command(
    name = "bench-start",
    mixinStandardHelpOptions = true,
    description = "Start overhead: apply of one replica until its container starts, vs docker run -d, side by side.")
public final class BenchStartCommand extends ClusterCommand {

  @Option(names = "--image", defaultValue = "berth/static:busybox", description = "Image to start (default: ${DEFAULT-VALUE})")
  String image;

  @Option(names = "--runs", defaultValue = "20", description = "Runs of each kind (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--memory", defaultValue = "64Mi", description = "Memory limit for both (default: ${DEFAULT-VALUE})")
  String memory;

  @Override
  int run() throws Exception {
    BerthClient client = cluster.client();
    Map<String, Instant> starts = new ConcurrentHashMap<>();
    Process events =
        new ProcessBuilder(
                "docker", "events", "--filter", "type=container", "--filter", "event=start", "--format",
                "{{.TimeNano}} {{index .Actor.Attributes \"berth.app\"}} {{index .Actor.Attributes \"berth.bench\"}}")
            .redirectErrorStream(true)
            .start();
    Thread reader = new Thread(() -> readEvents(events, starts), "bench-events");
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(300); // let the event stream attach before the first start
    List<Double> berth = new ArrayList<>();
    List<Double> docker = new ArrayList<>();
    long memoryBytes = dev.berth.runtime.api.spec.ByteSize.parse("--memory", memory);
    try {
      for (int i = 0; i < runs; i++) {
        berth.add(berthRun(client, "bench-" + i, starts));
        docker.add(dockerRun("bench-docker-" + i, memoryBytes, starts));
        out().printf(Locale.ROOT, "run %2d: berth %7.1f ms, docker run %7.1f ms%n", i, berth.get(i), docker.get(i));
        out().flush();
      }
    } finally {
      events.destroy();
    }
    printSummary(berth, docker);
    return 0;
  }

  private double berthRun(BerthClient client, String name, Map<String, Instant> starts) throws Exception {
    String spec =
        "name: " + name + "\nimage: " + image + "\nreplicas: 1\ncommand: [sleep, '3600']\nresources: {memory: "
            + memory + ", cpu: 100m}\n";
    Instant t0 = Instant.now();
    client.apply(spec);
    Instant started = await(starts, name, Duration.ofSeconds(60));
    client.delete(cluster.namespace, name);
    awaitGone(client, name);
    return Duration.between(t0, started).toNanos() / 1e6;
  }

  private double dockerRun(String name, long memoryBytes, Map<String, Instant> starts) throws Exception {
    Instant t0 = Instant.now();
    Process run =
        new ProcessBuilder(
                "docker", "run", "-d", "--name", name, "--label", "berth.bench=" + name, "--memory",
                Long.toString(memoryBytes), "--memory-swap", Long.toString(memoryBytes), "--cpus", "0.1", "--init",
                image, "sleep", "3600")
            .redirectErrorStream(true)
            .start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (run.waitFor() != 0) {
      throw new IOException("docker run failed: " + output);
    }
    Instant started = await(starts, name, Duration.ofSeconds(60));
    new ProcessBuilder("docker", "rm", "-f", name).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    return Duration.between(t0, started).toNanos() / 1e6;
  }

  private void awaitGone(BerthClient client, String name) throws Exception {
    Instant until = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(until)) {
      try {
        client.app(cluster.namespace, name);
      } catch (BerthApiException e) {
        if (e.status() == 404) {
          break;
        }
        throw e;
      }
      Thread.sleep(50);
    }
    // The container itself is stopped by the agent; give it a moment so runs do not overlap.
    Thread.sleep(500);
  }

  private static Instant await(Map<String, Instant> starts, String key, Duration timeout) throws Exception {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      Instant at = starts.remove(key);
      if (at != null) {
        return at;
      }
      Thread.sleep(2);
    }
    throw new IOException("no start event for " + key + " within " + timeout.toSeconds() + " s");
  }

  private static void readEvents(Process events, Map<String, Instant> starts) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
          continue;
        }
        long nanos = Long.parseLong(parts[0]);
        Instant at = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        for (int i = 1; i < parts.length; i++) {
          if (!parts[i].isEmpty() && !parts[i].equals("<no") && !parts[i].equals("value>")) {
            starts.put(parts[i], at);
            // Nodes may label the app as namespace/name.
            starts.put(parts[i].substring(parts[i].indexOf('/') + 1), at);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The stream ends when the bench stops it.
    }
  }

  private void printSummary(List<Double> berth, List<Double> docker) {
    double b50 = percentile(berth, 50);
    double d50 = percentile(docker, 50);
    out().println();
    out().printf(Locale.ROOT, "%-28s %9s %9s %9s%n", "start to engine start event", "p50 ms", "p90 ms", "p99 ms");
    out().printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f%n", "berth apply (1 replica)", b50, percentile(berth, 90), percentile(berth, 99));
    out().printf(Locale.ROOT, "%-28s %9.1f %9.1f %9.1f%n", "docker run -d", d50, percentile(docker, 90), percentile(docker, 99));
    out().printf(Locale.ROOT, "overhead p50: %+.1f ms (target <= +100 ms), runs: %d each, image %s%n", b50 - d50, berth.size(), image);
    out().printf(Locale.ROOT,
        "{\"target\":\"T3 start overhead\",\"berth_p50_ms\":%.1f,\"docker_p50_ms\":%.1f,\"overhead_p50_ms\":%.1f,\"berth_p99_ms\":%.1f,\"docker_p99_ms\":%.1f,\"runs\":%d,\"image\":\"%s\"}%n",
        b50, d50, b50 - d50, percentile(berth, 99), percentile(docker, 99), berth.size(), image);
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
