package dev.berth.runtime.agent.container;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link ContainerRuntime} for fast agent tests: containers "run" until a test ends them with
 * {@link #exit} (or {@link #oomKill}); images listed in {@link #missingImages} fail to start. Any other image is
 * "on the engine", without labels unless a test gives it some with {@link #image(String, String, Map)}. Passes
 * {@link ContainerRuntimeContract} like the Docker one.
 */
public final class FakeContainerRuntime implements ContainerRuntime {

  /** Images that are "not on the engine". */
  public final Set<String> missingImages = ConcurrentHashMap.newKeySet();

  private final Map<String, ImageDetails> images = new ConcurrentHashMap<>();
  private final Map<String, ContainerRequest> requests = new ConcurrentHashMap<>();
  private final AtomicInteger imageInspections = new AtomicInteger();
  private final Map<String, ContainerStatus> containers = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, List<String>> logs = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger ports = new AtomicInteger(40000);
  private final AtomicInteger starts = new AtomicInteger();

  @Override
  public EngineInfo info() {
    return new EngineInfo("fake-1.0", 2, 4L << 30);
  }

  @Override
  public List<ContainerStatus> list(Map<String, String> labels) {
    List<ContainerStatus> out = new ArrayList<>();
    for (ContainerStatus c : containers.values()) {
      if (c.labels().entrySet().containsAll(labels.entrySet())) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public Optional<ContainerStatus> inspect(String id) {
    return Optional.ofNullable(containers.get(id));
  }

  /** Puts an image on the "engine": {@code reference} names image {@code id}, which carries {@code labels}. */
  public void image(String reference, String id, Map<String, String> labels) {
    missingImages.remove(reference);
    images.put(reference, new ImageDetails(id, labels));
  }

  @Override
  public Optional<ImageDetails> image(String reference) {
    imageInspections.incrementAndGet();
    if (missingImages.contains(reference)) {
      return Optional.empty();
    }
    return Optional.of(images.getOrDefault(reference,
        new ImageDetails("sha256:fake-" + Integer.toHexString(reference.hashCode()), Map.of())));
  }

  /** Images "in the registry": {@link #pull} puts them on the engine; any other missing image fails to pull. */
  public final Set<String> registryImages = ConcurrentHashMap.newKeySet();

  /** The references pulled, in order. */
  public final List<String> pulls = new CopyOnWriteArrayList<>();

  @Override
  public void pull(String reference) throws ContainerStartException {
    pulls.add(reference);
    if (!registryImages.contains(reference)) {
      throw new ContainerStartException("pulling " + reference + " failed: manifest unknown", true, null);
    }
    missingImages.remove(reference);
  }

  /** How many times an image was inspected. */
  public int imageInspections() {
    return imageInspections.get();
  }

  /** What container {@code id} was started with. */
  public ContainerRequest request(String id) {
    return requests.get(id);
  }

  @Override
  public String start(ContainerRequest r) throws ContainerStartException {
    if (missingImages.contains(r.image())) {
      throw new ContainerStartException("image " + r.image() + " is not on this node's engine", true, null);
    }
    if (names.containsKey(r.name())) {
      throw new ContainerStartException("the name " + r.name() + " is in use", false, null);
    }
    String id = "fake" + ids.incrementAndGet();
    Map<Integer, Integer> hostPorts = new HashMap<>();
    r.tcpPorts().forEach(p -> hostPorts.put(Math.abs(p), ports.incrementAndGet()));
    containers.put(id, new ContainerStatus(id, r.labels(), "running", true, null, false, "", Instant.now(), null,
        hostPorts, "10.0.0." + ids.get()));
    names.put(r.name(), id);
    requests.put(id, r);
    // The fake runs nothing: its log is the command line it was given.
    logs.put(id, new CopyOnWriteArrayList<>(List.of(String.join(" ", r.entrypoint()) + " " + String.join(" ", r.args()))));
    starts.incrementAndGet();
    fire();
    return id;
  }

  @Override
  public Optional<ContainerUsage> usage(String id) {
    ContainerStatus c = containers.get(id);
    return c != null && c.running() ? Optional.of(new ContainerUsage(1 << 20, 5)) : Optional.empty();
  }

  @Override
  public void remove(String id) {
    if (containers.remove(id) != null) {
      names.values().remove(id);
      logs.remove(id);
    }
  }

  @Override
  public String logs(String id, int tail) {
    List<String> lines = logs.get(id);
    if (lines == null) {
      throw new NoSuchElementException("container " + id + " is gone");
    }
    return String.join("\n", lines.subList(Math.max(0, lines.size() - tail), lines.size()));
  }

  @Override
  public int exec(String id, List<String> command, long timeoutMillis) {
    ContainerStatus c = containers.get(id);
    return c != null && c.running() && command.equals(List.of("true")) ? 0 : 1;
  }

  @Override
  public Closeable subscribe(Map<String, String> labels, Runnable onChange) {
    listeners.add(onChange);
    return () -> listeners.remove(onChange);
  }

  /** Ends a running container with {@code exitCode}, appending {@code lastLine} to its log. */
  public void exit(String id, int exitCode, String lastLine) {
    end(id, exitCode, false, lastLine);
  }

  /** Ends a container as the kernel's OOM killer would: exit 137 with the flag set. */
  public void oomKill(String id) {
    end(id, 137, true, "Killed");
  }

  private void end(String id, int exitCode, boolean oom, String lastLine) {
    ContainerStatus c = containers.get(id);
    logs.get(id).add(lastLine);
    containers.put(id, new ContainerStatus(id, c.labels(), "exited", false, exitCode, oom, "", c.startedAt(),
        Instant.now().minusSeconds(2), c.hostPorts(), null));
    fire();
  }

  /** How many containers were started in this runtime's life. */
  public int starts() {
    return starts.get();
  }

  private void fire() {
    listeners.forEach(Runnable::run);
  }

  @Override
  public void close() {}
}
