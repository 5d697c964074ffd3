package dev.berth.runtime.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContainerRuntime} must do, run against the fake and against Docker. Subclasses supply the
 * runtime, an image that runs a command, and a way to end a running container with a given exit.
 */
public abstract class ContainerRuntimeContract {

  protected ContainerRuntime runtime;
  private final String run = "c" + Long.toHexString(System.nanoTime());

  protected abstract ContainerRuntime create();

  /** An image on the engine with {@code sh}; containers wait until {@code /tmp/exit} holds their exit code. */
  protected abstract String image();

  /**
   * An image on the engine that carries {@link #IMAGE_LABELS} (and perhaps more); the fake's test puts it there,
   * the Docker one builds it.
   */
  protected abstract String labelledImage() throws Exception;

  /** The labels {@link #labelledImage()} carries. */
  protected static final Map<String, String> IMAGE_LABELS =
      Map.of("dev.berth.stack", "jvm-contract", "dev.berth.jdk.runtime", "17");

  /** Labels every container of the test carries (the engine's cleanup label). */
  protected Map<String, String> baseLabels() {
    return Map.of();
  }

  /** Makes a running container end with exit {@code code}. */
  protected abstract void end(String id, int code) throws Exception;

  @BeforeEach
  void open() {
    runtime = create();
  }

  @AfterEach
  void cleanUp() {
    runtime.list(Map.of("contract.run", run)).forEach(c -> runtime.remove(c.id()));
    runtime.close();
  }

  private ContainerRequest request(String name, List<Integer> ports) {
    Map<String, String> labels = new java.util.HashMap<>(baseLabels());
    labels.put("contract.run", run);
    labels.put(ContainerLabels.REPLICA, name);
    return new ContainerRequest(run + "-" + name, image(), List.of("sh", "-c"),
        List.of("echo hello-" + name + "; while [ ! -f /tmp/exit ]; do sleep 0.2; done; exit $(cat /tmp/exit)"), List.of("A=1"), labels, 32L << 20, 200, ports, Map.of());
  }

  @Test
  void start_runsContainer_listedByLabel_withPublishedPorts() throws Exception {
    String id = runtime.start(request("a", List.of(8080)));

    ContainerStatus s = runtime.inspect(id).orElseThrow();
    assertThat(s.running()).isTrue();
    assertThat(s.exitCode()).isNull();
    assertThat(s.hostPorts()).containsKey(8080);
    assertThat(s.hostPorts().get(8080)).isPositive();
    assertThat(runtime.list(Map.of("contract.run", run, ContainerLabels.REPLICA, "a")))
        .extracting(ContainerStatus::id).containsExactly(id);
    assertThat(runtime.list(Map.of("contract.run", run, ContainerLabels.REPLICA, "other"))).isEmpty();
  }

  @Test
  void usage_ofRunningContainer_hasMemory_andNoneOnceRemoved() throws Exception {
    String id = runtime.start(request("u", List.of()));

    ContainerUsage u = runtime.usage(id).orElseThrow();
    assertThat(u.memoryBytes()).isPositive();
    assertThat(u.cpuMillis()).isNotNegative();
    runtime.remove(id);
    assertThat(runtime.usage(id)).isEmpty();
  }

  @Test
  void logs_returnOutput() throws Exception {
    String id = runtime.start(request("b", List.of()));

    String logs = "";
    for (int i = 0; i < 50 && !logs.contains("hello-b"); i++) {
      Thread.sleep(100);
      logs = runtime.logs(id, 10);
    }
    assertThat(logs).contains("hello-b");
  }

  @Test
  void endedContainer_reportsExitCode_andStaysUntilRemoved() throws Exception {
    String id = runtime.start(request("c", List.of()));
    end(id, 3);

    ContainerStatus s = awaitEnded(id);
    assertThat(s.exitCode()).isEqualTo(3);
    assertThat(s.killedForMemory()).isFalse();
    assertThat(s.finishedAt()).isNotNull();

    runtime.remove(id);
    assertThat(runtime.inspect(id)).isEmpty();
    runtime.remove(id);
  }

  @Test
  void start_missingImage_saysSo() {
    ContainerRequest r = request("d", List.of());
    ContainerRequest missing = new ContainerRequest(r.name(), "berth-contract/no-such-image:0", r.entrypoint(),
        r.args(), r.env(), r.labels(), 0, 0, List.of(), Map.of());
    givenMissing(missing.image());

    assertThatThrownBy(() -> runtime.start(missing))
        .isInstanceOfSatisfying(ContainerStartException.class, e -> assertThat(e.imageMissing()).isTrue())
        .hasMessageContaining("berth-contract/no-such-image:0");
  }

  @Test
  void image_onTheEngine_hasItsIdAndLabels_andAMissingOneIsEmpty() throws Exception {
    String labelled = labelledImage();

    ImageDetails found = runtime.image(labelled).orElseThrow();
    assertThat(found.id()).isNotBlank();
    assertThat(found.labels()).containsAllEntriesOf(IMAGE_LABELS);
    assertThat(runtime.image(labelled).orElseThrow().id()).isEqualTo(found.id());
    assertThat(runtime.image(image()).orElseThrow().id()).isNotEqualTo(found.id());
    givenMissing("berth-contract/no-such-image:0");
    assertThat(runtime.image("berth-contract/no-such-image:0")).isEmpty();
  }

  @Test
  void pull_putsTheRegistrysImageOnTheEngine_andAnUnknownOneIsImageMissing() throws Exception {
    String pushed = imageOnlyInRegistry();
    assertThat(runtime.image(pushed)).isEmpty();

    runtime.pull(pushed);

    assertThat(runtime.image(pushed)).isPresent();
    String unknown = PullReference.parse(pushed).registry() + "/berth-contract/never-pushed:0";
    givenMissing(unknown);
    assertThatThrownBy(() -> runtime.pull(unknown))
        .isInstanceOfSatisfying(ContainerStartException.class, e -> assertThat(e.imageMissing()).isTrue())
        .hasMessageContaining("pulling " + unknown + " failed");
  }

  /**
   * An image in a registry (its reference names the registry) that is not on the engine yet; the fake's test lists
   * it in its registry, the Docker one pushes it to a real registry and removes it from the engine.
   */
  protected abstract String imageOnlyInRegistry() throws Exception;

  @Test
  void subscribe_seesAnExit() throws Exception {
    String id = runtime.start(request("e", List.of()));
    CountDownLatch changed = new CountDownLatch(1);
    try (var sub = runtime.subscribe(Map.of("contract.run", run), changed::countDown)) {
      end(id, 1);
      assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Lets the fake know an image is missing; a real engine simply lacks it. */
  protected void givenMissing(String image) {}

  private ContainerStatus awaitEnded(String id) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < until) {
      ContainerStatus s = runtime.inspect(id).orElseThrow();
      if (!s.running() && s.exitCode() != null) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("container " + id + " did not end");
  }
}
