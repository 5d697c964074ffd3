package dev.berth.jenkins.cluster;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.RolloutSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.api.status.RolloutStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One deploy: the app's spec (a spec file, or the spec the master already runs) with the new image and strategy,
 * applied to the master, then its rollout followed until it completes, fails or the timeout passes. Progress
 * lines go to the log as they change.
 */
public final class Deployment {

  /** What the pipeline asked for. */
  public record Request(
      String namespace, String app, String specText, String image, String strategy, boolean waitForRollout,
      Duration timeout) {
    public Request {
      Objects.requireNonNull(app, "app");
      Objects.requireNonNull(timeout, "timeout");
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      image = image == null || image.isBlank() ? null : image;
      strategy = strategy == null || strategy.isBlank() ? null : strategy;
    }
  }

  private final BerthClient client;
  private final Duration pollInterval;

  public Deployment(BerthClient client, Duration pollInterval) {
    this.client = Objects.requireNonNull(client, "client");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /**
   * Applies and (if asked) waits.
   *
   * @throws DeployException when the spec cannot be built (the message names the field and the fix)
   * @throws BerthApiException when the master refuses or cannot be reached
   */
  public DeployResult run(Request request, Consumer<String> log)
      throws DeployException, BerthApiException, InterruptedException {
    long started = System.nanoTime();
    AppSpec spec = spec(request);
    ApplyResult applied = client.apply(ApiJson.toJson(spec));
    log.accept("app " + spec.namespace() + "/" + spec.name() + " " + applied.outcome() + " (revision "
        + applied.revision() + ", image " + spec.image() + ")");
    if (!request.waitForRollout()) {
      return new DeployResult(spec.name(), spec.namespace(), applied.revision(), DeployResult.Outcome.APPLIED, 0,
          0, millis(started), "");
    }
    long deadline = System.nanoTime() + request.timeout().toNanos();
    String last = "";
    while (true) {
      AppStatus status = client.app(spec.namespace(), spec.name());
      RolloutStatus r = status.rollout();
      if (r != null) {
        String line = String.format("rollout %s: %d/%d ready, %d updated, %d old left%s", r.phase().toLowerCase(),
            r.ready(), r.desired(), r.updated(), r.oldRemaining(), r.message().isEmpty() ? "" : " - " + r.message());
        if (!line.equals(last)) {
          log.accept(line);
          last = line;
        }
        // A scale leaves the phase COMPLETE until the controller's next pass: count the replicas too.
        boolean done = r.finished() && (!RolloutStatus.COMPLETE.equals(r.phase()) || status.ready() == status.desired());
        if (r.revision() >= applied.revision() && done) {
          DeployResult.Outcome outcome = RolloutStatus.COMPLETE.equals(r.phase())
              ? DeployResult.Outcome.SUCCEEDED : DeployResult.Outcome.FAILED;
          return new DeployResult(spec.name(), spec.namespace(), r.revision(), outcome, status.ready(),
              status.desired(), millis(started), r.message());
        }
      }
      if (System.nanoTime() > deadline) {
        return new DeployResult(spec.name(), spec.namespace(), applied.revision(), DeployResult.Outcome.TIMED_OUT,
            status.ready(), status.desired(), millis(started),
            "gave up waiting after " + request.timeout().toSeconds() + " s; the rollout goes on");
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** The spec to apply: the file's, else the one the master runs; with the requested image and strategy. */
  AppSpec spec(Request request) throws DeployException, BerthApiException {
    AppSpec base;
    if (request.specText() != null) {
      try {
        base = ApiJson.readSpec(request.specText());
      } catch (SpecValidationException e) {
        throw new DeployException("the app spec is not valid: " + e.getMessage());
      }
      if (!base.name().equals(request.app())) {
        throw new DeployException("the app spec names app '" + base.name() + "' but the step deploys '"
            + request.app() + "'; make them the same");
      }
    } else {
      try {
        base = client.app(request.namespace(), request.app()).spec();
      } catch (BerthApiException e) {
        if (e.status() == 404) {
          throw new DeployException("app " + request.namespace() + "/" + request.app() + " is not on the master yet;"
              + " pass its spec file for the first deploy, e.g. spec: 'app.yaml'");
        }
        throw e;
      }
      if (request.image() == null) {
        throw new DeployException("no image to deploy: pass image: (e.g. the digest berthBuild returned) or a spec"
            + " file naming one");
      }
    }
    try {
      RolloutSpec update = base.update();
      if (request.strategy() != null) {
        update = update == null ? new RolloutSpec(request.strategy(), null, null, null)
            : new RolloutSpec(request.strategy(), update.maxSurge(), update.maxUnavailable(),
                update.progressDeadline());
      }
      return new AppSpec(base.name(), base.namespace(), request.image() == null ? base.image() : request.image(),
          base.replicas(), base.command(), base.args(), base.resources(), base.jvm(), base.ports(), base.env(),
          base.configFiles(), base.health(), update, base.placement());
    } catch (SpecValidationException e) {
      throw new DeployException(e.getMessage());
    }
  }

  private static long millis(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }
}
