package dev.berth.runtime.deploy;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.NetworkSpec;
import dev.berth.runtime.api.status.AppEvent;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.api.status.ReplicaStatus;
import dev.berth.runtime.api.status.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Deploys to Berth's bundled cluster runtime through the master's HTTP API. */
public final class BundledRuntimeTarget implements DeployTarget {

  public static final String NAME = "berth";

  private final BerthClient client;
  private final Duration pollInterval;

  public BundledRuntimeTarget(BerthClient client) {
    this(client, Duration.ofMillis(100));
  }

  public BundledRuntimeTarget(BerthClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Consumer<String> progress) throws DeployException {
    AppSpec spec = request.spec();
    try {
      // The spec as it ran before, so a failed rollout can be undone by applying it again.
      AppSpec previous = request.rollbackOnFailure() ? previousSpec(spec) : null;
      String text = request.specText() != null ? request.specText() : ApiJson.toJson(spec);
      ApplyResult result = client.apply(text);
      progress.accept("app " + result.app() + " " + result.outcome() + " (revision " + result.revision() + ")");
      networkWarnings(spec).forEach(progress);
      if (!request.follow()) {
        return new DeployOutcome(
            spec.key(), result.revision(), DeployOutcome.Phase.APPLIED, 0, spec.replicas(), "applied", List.of(),
            false);
      }
      DeployOutcome outcome = follow(spec, result.revision(), request, progress);
      if (outcome.phase() != DeployOutcome.Phase.FAILED || previous == null) {
        return outcome;
      }
      ApplyResult undo = client.apply(ApiJson.toJson(previous));
      progress.accept("rolled back: applied the previous spec again (revision " + undo.revision() + ")");
      return new DeployOutcome(
          outcome.app(), outcome.revision(), outcome.phase(), outcome.ready(), outcome.desired(), outcome.message(),
          outcome.diagnostics(), true);
    } catch (BerthApiException e) {
      throw new DeployException(NAME, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException(NAME, "interrupted while following the rollout of " + spec.key(), e);
    }
  }

  private AppSpec previousSpec(AppSpec spec) throws BerthApiException {
    try {
      return client.app(spec.namespace(), spec.name()).spec();
    } catch (BerthApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private DeployOutcome follow(AppSpec spec, long revision, DeployRequest request, Consumer<String> progress)
      throws BerthApiException, InterruptedException {
    Instant until = Instant.now().plus(request.timeout());
    String last = "";
    while (true) {
      AppStatus status = client.app(spec.namespace(), spec.name());
      RolloutStatus r = status.rollout();
      String line =
          String.format(
              Locale.ROOT, "rollout %s: %d/%d ready, %d updated, %d old left - %s",
              r.phase().toLowerCase(Locale.ROOT), r.ready(), r.desired(), r.updated(), r.oldRemaining(),
              r.message());
      if (!line.equals(last)) {
        progress.accept(line);
        last = line;
      }
      // A scale leaves the phase COMPLETE until the controller's next pass: count the replicas too.
      boolean done = r.finished() && (!RolloutStatus.COMPLETE.equals(r.phase()) || status.ready() == status.desired());
      if (r.revision() >= revision && done) {
        boolean failed = RolloutStatus.FAILED.equals(r.phase());
        return new DeployOutcome(
            spec.key(), r.revision(), failed ? DeployOutcome.Phase.FAILED : DeployOutcome.Phase.COMPLETE,
            status.ready(), status.desired(), r.message(), failed ? diagnostics(status) : List.of(), false);
      }
      if (Instant.now().isAfter(until)) {
        return new DeployOutcome(
            spec.key(), r.revision(), DeployOutcome.Phase.TIMED_OUT, status.ready(), status.desired(),
            "gave up waiting after " + request.timeout().toSeconds() + " s; the rollout goes on", List.of(), false);
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /**
   * The spec's network block is rendered on Kubernetes only: the bundled runtime neither isolates namespaces nor
   * routes NodePort or Ingress traffic, and says so rather than let the spec suggest it does.
   */
  static List<String> networkWarnings(AppSpec spec) {
    NetworkSpec network = spec.networkOrDefaults();
    List<String> lines = new ArrayList<>();
    if (network.isolate()) {
      lines.add("warning: network.isolate is enforced on Kubernetes only; the bundled runtime does not isolate"
          + " namespaces, so any replica on the cluster can reach " + spec.key());
    }
    if (!network.expose().equals(NetworkSpec.CLUSTER)) {
      lines.add("warning: network.expose: " + network.expose() + " is rendered on Kubernetes only; the bundled"
          + " runtime publishes each port on a host port of the replica's node");
    }
    return lines;
  }

  private static List<String> diagnostics(AppStatus status) {
    List<String> lines = new ArrayList<>();
    for (AppEvent e : status.events()) {
      if (AppEvent.WARNING.equals(e.type())) {
        lines.add("event " + e.reason() + ": " + e.message());
      }
    }
    for (ReplicaStatus replica : status.replicas()) {
      if (replica.lastExitCode() != null || replica.oomKilled()) {
        lines.add("replica " + replica.id() + " last ended: " + (replica.oomKilled() ? "OOMKilled" : "exit code "
            + replica.lastExitCode()) + (replica.message().isEmpty() ? "" : " - " + replica.message()));
      }
    }
    return lines;
  }
}
