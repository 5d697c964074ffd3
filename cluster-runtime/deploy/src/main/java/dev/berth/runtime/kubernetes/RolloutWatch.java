package dev.berth.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Follows a Deployment's rollout the way {@code kubectl rollout status} judges it: complete when the controller
 * has seen the latest generation and every replica is updated and available; failed when the controller reports
 * {@code ProgressDeadlineExceeded}.
 */
public final class RolloutWatch {

  /** The Deployment controller's reason when no progress was made within progressDeadlineSeconds. */
  public static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  /** The annotation holding the Deployment's revision, written by the Deployment controller. */
  public static final String REVISION = "deployment.kubernetes.io/revision";

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration pollInterval;

  public RolloutWatch(KubernetesClient client, Clock clock, Duration pollInterval) {
    this.client = client;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /**
   * Polls the Deployment until its rollout completes, fails or {@code timeout} passes, reporting each change.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public RolloutState follow(String namespace, String name, Duration timeout, Consumer<String> progress)
      throws InterruptedException {
    Instant until = clock.instant().plus(timeout);
    String last = "";
    while (true) {
      Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
      RolloutState state =
          deployment == null
              ? new RolloutState(RolloutState.Phase.PROGRESSING, 0, 0, 0, 0, "waiting for the Deployment to appear")
              : evaluate(deployment);
      String line = state.line();
      if (!line.equals(last)) {
        progress.accept(line);
        last = line;
      }
      if (state.phase() != RolloutState.Phase.PROGRESSING) {
        return state;
      }
      if (!clock.instant().isBefore(until)) {
        return new RolloutState(
            RolloutState.Phase.TIMED_OUT, state.ready(), state.desired(), state.updated(), state.oldRemaining(),
            "gave up waiting after " + timeout.toSeconds() + "s; the rollout goes on: " + state.message());
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** Where the rollout of this Deployment stands, from its spec and the status its controller wrote. */
  public static RolloutState evaluate(Deployment deployment) {
    int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int updated = count(status.getUpdatedReplicas());
    int total = count(status.getReplicas());
    int available = count(status.getAvailableReplicas());
    int ready = Math.min(count(status.getReadyReplicas()), updated);
    int old = Math.max(0, total - updated);
    long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
    long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    if (generation > observed) {
      return new RolloutState(
          RolloutState.Phase.PROGRESSING, ready, desired, updated, old,
          "waiting for the Deployment controller to see generation " + generation);
    }
    for (DeploymentCondition condition : status.getConditions()) {
      if ("Progressing".equals(condition.getType()) && DEADLINE_EXCEEDED.equals(condition.getReason())) {
        return new RolloutState(
            RolloutState.Phase.FAILED, ready, desired, updated, old,
            "no progress within progressDeadlineSeconds (" + deployment.getSpec().getProgressDeadlineSeconds()
                + "s): " + (condition.getMessage() == null ? DEADLINE_EXCEEDED : condition.getMessage()));
      }
    }
    if (updated < desired) {
      return new RolloutState(
          RolloutState.Phase.PROGRESSING, ready, desired, updated, old,
          String.format(Locale.ROOT, "%d of %d replicas updated", updated, desired));
    }
    if (old > 0) {
      return new RolloutState(
          RolloutState.Phase.PROGRESSING, ready, desired, updated, old,
          old + " old replicas are pending termination");
    }
    if (available < updated) {
      return new RolloutState(
          RolloutState.Phase.PROGRESSING, ready, desired, updated, old,
          String.format(Locale.ROOT, "%d of %d updated replicas are available", available, updated));
    }
    return new RolloutState(RolloutState.Phase.COMPLETE, ready, desired, updated, 0, "rolled out");
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}
