package dev.berth.runtime.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Volume;
import dev.berth.imagebuilder.docker.DockerClients;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a container once under a memory limit and reports how it ended: exit code, {@code OOMKilled}, the cgroup's
 * peak usage and its logs. Used by measure mode, the sizing engine tests and the sizing benchmark.
 */
public final class ContainerMeasurer implements Closeable {

  private final DockerClient docker;

  public ContainerMeasurer(DockerClient docker) {
    this.docker = docker;
  }

  /** A measurer on the local engine ({@code DOCKER_HOST} or the default socket). */
  public static ContainerMeasurer local() {
    return new ContainerMeasurer(DockerClients.local());
  }

  /**
   * Runs the container to its end (or stops it after {@code stopAfter}) and removes it.
   *
   * @throws IOException when the engine refuses the container or does not answer
   */
  public MemoryRunResult run(MemoryRun run) throws IOException {
    String id = null;
    AtomicLong peak = new AtomicLong();
    ResultCallback.Adapter<Statistics> stats = null;
    try {
      List<String> env = new ArrayList<>();
      run.env().forEach((k, v) -> env.add(k + "=" + v));
      List<Bind> binds = new ArrayList<>();
      run.binds().forEach((host, path) -> binds.add(new Bind(host, new Volume(path), AccessMode.ro)));
      HostConfig host =
          HostConfig.newHostConfig()
              .withMemory(run.memoryBytes())
              .withMemorySwap(run.memoryBytes())
              .withBinds(binds);
      List<ExposedPort> exposed = new ArrayList<>();
      Ports ports = new Ports();
      for (int port : run.publish()) {
        ExposedPort e = ExposedPort.tcp(port);
        exposed.add(e);
        ports.bind(e, Ports.Binding.bindIpAndPort("127.0.0.1", port));
      }
      host.withPortBindings(ports);
      if (run.cpus() > 0) {
        host.withNanoCPUs((long) (run.cpus() * 1e9));
      }
      CreateContainerCmd create =
          docker.createContainerCmd(run.image()).withEnv(env).withLabels(run.labels()).withHostConfig(host)
              .withExposedPorts(exposed);
      if (!run.entrypoint().isEmpty()) {
        create.withEntrypoint(run.entrypoint());
      }
      if (!run.command().isEmpty()) {
        create.withCmd(run.command());
      }
      id = create.exec().getId();
      stats = docker.statsCmd(id).exec(new PeakCallback(peak));
      long started = System.nanoTime();
      docker.startContainerCmd(id).exec();
      boolean stopped = false;
      WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
      try {
        wait.awaitStatusCode(run.stopAfter().toMillis(), TimeUnit.MILLISECONDS);
      } catch (DockerClientException e) {
        // awaitStatusCode throws when the time is up: that ends a measure run.
        stopped = true;
        docker.stopContainerCmd(id).withTimeout(10).exec();
        docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(30, TimeUnit.SECONDS);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
      int exit = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
      boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
      return new MemoryRunResult(exit, oom, peak.get(), logs(id), elapsed, stopped);
    } catch (DockerException e) {
      throw new IOException("running " + run.image() + " under " + (run.memoryBytes() >> 20) + " MiB failed: "
          + e.getMessage(), e);
    } finally {
      if (stats != null) {
        try {
          stats.close();
        } catch (IOException e) {
          // the stream ends with the container anyway
        }
      }
      if (id != null) {
        remove(id);
      }
    }
  }

  private String logs(String id) {
    StringBuilder out = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (out) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }
          })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (out) {
      return out.toString();
    }
  }

  private void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      // best effort: the run label lets the caller remove leftovers
    }
  }

  @Override
  public void close() throws IOException {
    docker.close();
  }

  /** Keeps the highest usage the stats stream reports (v1 max_usage, else usage). */
  private static final class PeakCallback extends ResultCallback.Adapter<Statistics> {
    private final AtomicLong peak;

    PeakCallback(AtomicLong peak) {
      this.peak = peak;
    }

    @Override
    public void onNext(Statistics s) {
      if (s.getMemoryStats() == null) {
        return;
      }
      Long max = s.getMemoryStats().getMaxUsage();
      Long usage = s.getMemoryStats().getUsage();
      long value = Math.max(max == null ? 0 : max, usage == null ? 0 : usage);
      peak.accumulateAndGet(value, Math::max);
    }
  }
}
