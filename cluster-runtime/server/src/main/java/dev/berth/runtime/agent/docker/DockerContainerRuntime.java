package dev.berth.runtime.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.api.RegistryLogin;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ContainerStartException;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.agent.container.ContainerUsage;
import dev.berth.runtime.agent.container.EngineInfo;
import dev.berth.runtime.agent.container.ImageDetails;
import dev.berth.runtime.agent.container.PullReference;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link ContainerRuntime} on a Docker engine through docker-java: memory swap equal to memory, restart policy
 * {@code no} (the master owns restarts), an init process, ephemeral host ports, read-only config-file binds.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

  private static final long PULL_TIMEOUT_MINUTES = 10;

  private final DockerClient docker;
  private final RegistryAuth registryAuth;

  private DockerContainerRuntime(DockerClient docker, RegistryAuth registryAuth) {
    this.docker = docker;
    this.registryAuth = registryAuth;
  }

  /**
   * A runtime for the engine at {@code dockerHost} (e.g. {@code unix:///var/tmp/berth/n2/docker.sock}), or the local
   * one ({@code DOCKER_HOST} or the default socket) when null; it pulls with the login this process's environment
   * and Docker config give.
   */
  public static DockerContainerRuntime connect(String dockerHost) {
    return connect(dockerHost, RegistryAuth.fromProcess());
  }

  /** As {@link #connect(String)}, pulling with {@code registryAuth}. */
  public static DockerContainerRuntime connect(String dockerHost, RegistryAuth registryAuth) {
    return new DockerContainerRuntime(DockerClients.forHost(dockerHost), registryAuth);
  }

  @Override
  public EngineInfo info() {
    try {
      Info info = docker.infoCmd().exec();
      String version = docker.versionCmd().exec().getVersion();
      return new EngineInfo(version, info.getNCPU() == null ? 1 : info.getNCPU(),
          info.getMemTotal() == null ? 0 : info.getMemTotal());
    } catch (RuntimeException e) {
      throw new IllegalStateException("no container engine answers (" + e.getMessage()
          + "); start Docker (scripts/lib/engine.sh) or pass the engine's socket with --docker-host", e);
    }
  }

  @Override
  public List<ContainerStatus> list(Map<String, String> labels) {
    List<ContainerStatus> out = new ArrayList<>();
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
      inspect(c.getId()).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<ContainerStatus> inspect(String id) {
    InspectContainerResponse c;
    try {
      c = docker.inspectContainerCmd(id).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    InspectContainerResponse.ContainerState s = c.getState();
    Map<Integer, Integer> hostPorts = new HashMap<>();
    if (c.getNetworkSettings() != null && c.getNetworkSettings().getPorts() != null) {
      c.getNetworkSettings().getPorts().getBindings().forEach((port, bindings) -> {
        if (bindings != null && bindings.length > 0 && bindings[0].getHostPortSpec() != null
            && !bindings[0].getHostPortSpec().isEmpty()) {
          hostPorts.put(port.getPort(), Integer.parseInt(bindings[0].getHostPortSpec()));
        }
      });
    }
    boolean running = Boolean.TRUE.equals(s.getRunning());
    boolean ended = !running && !"created".equals(s.getStatus());
    Integer exit = ended && s.getExitCodeLong() != null ? s.getExitCodeLong().intValue() : null;
    Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null
        ? Map.of() : c.getConfig().getLabels();
    return Optional.of(new ContainerStatus(c.getId(), labels, s.getStatus(), running, exit,
        Boolean.TRUE.equals(s.getOOMKilled()), s.getError(), time(s.getStartedAt()),
        ended ? time(s.getFinishedAt()) : null, hostPorts, ipAddress(c)));
  }

  private static String ipAddress(InspectContainerResponse c) {
    if (c.getNetworkSettings() == null) {
      return null;
    }
    String ip = c.getNetworkSettings().getIpAddress();
    if ((ip == null || ip.isEmpty()) && c.getNetworkSettings().getNetworks() != null) {
      ip = c.getNetworkSettings().getNetworks().values().stream()
          .map(n -> n.getIpAddress()).filter(a -> a != null && !a.isEmpty()).findFirst().orElse(null);
    }
    return ip == null || ip.isEmpty() ? null : ip;
  }

  private static Instant time(String text) {
    if (text == null || text.isEmpty() || text.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public Optional<ImageDetails> image(String reference) {
    InspectImageResponse image;
    try {
      image = docker.inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (DockerException e) {
      throw new IllegalStateException("inspecting image " + reference + " failed: " + e.getMessage().strip(), e);
    }
    Map<String, String> labels = image.getConfig() == null || image.getConfig().getLabels() == null
        ? Map.of() : image.getConfig().getLabels();
    return Optional.of(new ImageDetails(image.getId(), labels));
  }

  @Override
  public void pull(String reference) throws ContainerStartException {
    PullReference ref;
    try {
      ref = PullReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new ContainerStartException(e.getMessage(), true, e);
    }
    Optional<RegistryLogin> login;
    try {
      login = ref.registry() == null ? Optional.empty() : ImageBuilder.registryLogin(registryAuth, ref.registry());
    } catch (IOException e) {
      throw new ContainerStartException("cannot pull " + reference + ": " + e.getMessage(), true, e);
    }
    String error;
    try {
      PullImageCmd pull = docker.pullImageCmd(ref.repository()).withTag(ref.tagOrDigest());
      login.ifPresent(l -> pull.withAuthConfig(DockerClients.authConfig(l)));
      boolean done = pull.exec(new PullImageResultCallback()).awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      error = done ? null : "no answer within " + PULL_TIMEOUT_MINUTES + " minutes";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerStartException("interrupted while pulling " + reference, true, e);
    } catch (DockerException | DockerClientException e) {
      error = firstLine(e.getMessage());
    }
    if (error != null) {
      throw new ContainerStartException("pulling " + reference + " failed: " + error + "; "
          + pullFix(ref, error, login.isPresent()), true, null);
    }
  }

  private String pullFix(PullReference ref, String error, boolean loggedIn) {
    String e = error.toLowerCase(java.util.Locale.ROOT);
    String registry = ref.registry() == null ? "docker.io" : ref.registry();
    String login = ImageBuilder.registryLoginHint(registryAuth, registry) + " (on this node)";
    if (ImageBuilder.registryRefusedLogin(error)) {
      return login;
    }
    if (e.contains("manifest unknown") || e.contains("not found")) {
      return "push it first (berthBuild push: true, berth build --push) or correct the spec's image";
    }
    // An engine that may fall back to plain HTTP (a loopback registry) reports that attempt, not the refusal.
    return "check that the registry " + registry + " runs and this node reaches it"
        + (loggedIn ? "" : "; if it asks for a login, " + login);
  }

  private static String firstLine(String message) {
    return message == null ? "no reason given" : message.strip().lines().findFirst().orElse("no reason given");
  }

  @Override
  public String start(ContainerRequest r) throws ContainerStartException {
    Ports ports = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (int p : r.tcpPorts()) {
      ExposedPort e = p < 0 ? ExposedPort.udp(-p) : ExposedPort.tcp(p);
      exposed.add(e);
      ports.bind(e, Ports.Binding.empty());
    }
    List<Bind> binds = new ArrayList<>();
    r.binds().forEach((host, inside) -> binds.add(new Bind(host, new Volume(inside), AccessMode.ro)));
    r.writableBinds().forEach((host, inside) -> binds.add(new Bind(host, new Volume(inside), AccessMode.rw)));
    HostConfig host = HostConfig.newHostConfig()
        .withPortBindings(ports)
        .withBinds(binds)
        .withInit(true)
        // The master owns restarts (crash-loop backoff), so the engine never restarts on its own.
        .withRestartPolicy(RestartPolicy.noRestart());
    if (r.memoryLimitBytes() > 0) {
      // Swap equal to memory: without it the engine allows 2 x memory and the limit is not the one scheduled.
      host.withMemory(r.memoryLimitBytes()).withMemorySwap(r.memoryLimitBytes());
    }
    if (r.cpuMillis() > 0) {
      host.withNanoCPUs(r.cpuMillis() * 1_000_000L);
    }
    String id;
    try {
      CreateContainerCmd cmd = docker.createContainerCmd(r.image()).withName(r.name()).withLabels(r.labels())
          .withEnv(r.env()).withExposedPorts(exposed).withHostConfig(host);
      if (!r.user().isEmpty()) {
        cmd.withUser(r.user());
      }
      if (!r.entrypoint().isEmpty()) {
        cmd.withEntrypoint(r.entrypoint());
      }
      if (!r.args().isEmpty() || !r.entrypoint().isEmpty()) {
        cmd.withCmd(r.args());
      }
      id = cmd.exec().getId();
    } catch (NotFoundException e) {
      throw new ContainerStartException("image " + r.image() + " is not on this node's engine; name it with its"
          + " registry (e.g. 127.0.0.1:5000/app:1) so nodes pull it, or load it on this node ("
          + e.getMessage().strip() + ")", true, e);
    } catch (DockerException e) {
      throw new ContainerStartException("creating " + r.name() + " failed: " + e.getMessage().strip(), false, e);
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (DockerException e) {
      // The created container stays: its state and error are what the agent reports.
      throw new ContainerStartException("starting " + r.name() + " failed: " + e.getMessage().strip(), false, e);
    }
    return id;
  }

  @Override
  public Optional<ContainerUsage> usage(String id) {
    com.github.dockerjava.api.model.Statistics[] sample = new com.github.dockerjava.api.model.Statistics[1];
    try {
      // One-shot stats: the engine answers once, with the previous CPU reading beside the current one.
      docker.statsCmd(id).withNoStream(true)
          .exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Statistics>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Statistics s) {
              sample[0] = s;
            }
          })
          .awaitCompletion(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (RuntimeException e) {
      // A container that is gone, or an engine that cannot sample: no figure this round.
      return Optional.empty();
    }
    com.github.dockerjava.api.model.Statistics s = sample[0];
    if (s == null || s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
      return Optional.empty();
    }
    long cpuMillis = 0;
    var now = s.getCpuStats();
    var before = s.getPreCpuStats();
    if (now != null && before != null && now.getCpuUsage() != null && before.getCpuUsage() != null
        && now.getSystemCpuUsage() != null && before.getSystemCpuUsage() != null
        && now.getCpuUsage().getTotalUsage() != null && before.getCpuUsage().getTotalUsage() != null) {
      long cpuDelta = now.getCpuUsage().getTotalUsage() - before.getCpuUsage().getTotalUsage();
      long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
      long cpus = now.getOnlineCpus() == null ? 1 : now.getOnlineCpus();
      if (cpuDelta > 0 && systemDelta > 0) {
        cpuMillis = Math.round((double) cpuDelta / systemDelta * cpus * 1000);
      }
    }
    return Optional.of(new ContainerUsage(s.getMemoryStats().getUsage(), cpuMillis));
  }

  @Override
  public void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException e) {
      // Gone already.
    }
  }

  @Override
  public String logs(String id, int tail) {
    StringBuilder out = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(tail)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (NotFoundException e) {
      throw new java.util.NoSuchElementException("container " + id + " is gone");
    }
    return out.toString().stripTrailing();
  }

  @Override
  public int exec(String id, List<String> command, long timeoutMillis) {
    try {
      String exec = docker.execCreateCmd(id).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      boolean done = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>())
          .awaitCompletion(timeoutMillis, TimeUnit.MILLISECONDS);
      Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
      return !done || code == null ? -1 : code.intValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (DockerException e) {
      return -1;
    }
  }

  @Override
  public Closeable subscribe(Map<String, String> labels, Runnable onChange) {
    return docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter(labels)
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            String action = event.getAction();
            if ("die".equals(action) || "oom".equals(action) || "start".equals(action)) {
              onChange.run();
            }
          }
        });
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      // Closing the client's connection pool only.
    }
  }
}
