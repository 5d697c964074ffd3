package dev.berth.jenkins.cluster;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.RolloutSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import dev.berth.runtime.deploy.ImageFacts;
import dev.berth.runtime.kubernetes.BuildReference;
import dev.berth.runtime.kubernetes.KubernetesConnection;
import dev.berth.runtime.kubernetes.KubernetesTarget;
import dev.berth.runtime.kubernetes.ObjectApply;
import dev.berth.runtime.kubernetes.RenderOptions;
import dev.berth.runtime.targets.DeployTargets;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One deploy: the app's spec (a spec file, the spec the master already runs, or for a first deploy a spec drafted
 * from detection) with the new image and strategy,
 * deployed to its target (the Berth cluster or Kubernetes) through the same {@link DeployTarget} as
 * {@code berth apply}, its rollout followed until it completes, fails or the timeout passes.
 */
public final class Deployment {

  /**
   * What the pipeline asked for.
   *
   * @param target {@code berth}, {@code kubernetes}, or empty for the spec's target (else {@code berth})
   * @param build the Jenkins build, written on Kubernetes objects; may be null
   */
  public record Request(
      String namespace, String app, String specText, String image, String strategy, String target,
      boolean waitForRollout, Duration timeout, BuildReference build, boolean rollbackOnFailure) {
    public Request {
      Objects.requireNonNull(app, "app");
      Objects.requireNonNull(timeout, "timeout");
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      image = image == null || image.isBlank() ? null : image;
      strategy = strategy == null || strategy.isBlank() ? null : strategy;
      target = target == null ? "" : target.trim();
    }
  }

  /** Connects to the Berth master; asked only when the deploy goes to it. */
  @FunctionalInterface
  public interface MasterSource {
    /** The master's client; the message of the exception says which setting is missing. */
    BerthClient connect() throws DeployException;
  }

  /**
   * Drafts the app's spec for a deploy that names no spec file when the target runs no such app yet (a first
   * deploy to the Berth master, or any deploy to Kubernetes, which keeps no spec of its own).
   */
  @FunctionalInterface
  public interface SpecDrafter {
    /**
     * @param image the image to deploy
     * @param target the target the deploy goes to
     * @throws DeployException when no spec can be drafted; the message names the folder, the reason and the fix
     */
    AppSpec draft(String image, String target) throws DeployException, IOException, InterruptedException;
  }

  /** Reads an image's labels without running it (from its registry in production). */
  @FunctionalInterface
  public interface ImageLabels {
    /** The labels of {@code image}; throws naming the image when they cannot be read. */
    Map<String, String> read(String image) throws IOException;
  }

  private final MasterSource master;
  private ImageLabels imageLabels = image -> ImageBuilder.registryLabels(image, RegistryAuth.fromProcess());
  private final KubernetesConnection kubernetes;
  private final ObjectApply kubernetesApply;
  private final Duration pollInterval;

  /**
   * @param kubernetes how the Kubernetes cluster is reached; opened only for that target
   * @param kubernetesApply how objects are written: {@link ObjectApply#serverSide()} but against a test mock
   */
  public Deployment(
      MasterSource master, KubernetesConnection kubernetes, ObjectApply kubernetesApply,
      Duration pollInterval) {
    this.master = Objects.requireNonNull(master, "master");
    this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
    this.kubernetesApply = Objects.requireNonNull(kubernetesApply, "kubernetesApply");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** Reads image labels with {@code labels} instead of from the image's registry (tests). */
  public Deployment withImageLabels(ImageLabels labels) {
    this.imageLabels = Objects.requireNonNull(labels, "labels");
    return this;
  }

  /**
   * Deploys and (if asked) waits.
   *
   * @param drafter drafts the spec when the pipeline names no spec file and the target runs no such app
   * @throws DeployException when the spec or the arguments are wrong, or the target refuses or cannot be reached
   *     (the message names the input and the fix)
   * @throws BerthApiException when the Berth master refuses or cannot be reached
   */
  public DeployResult run(Request request, SpecDrafter drafter, Consumer<String> log)
      throws DeployException, BerthApiException, IOException, InterruptedException {
    long started = System.nanoTime();
    AppSpec fromFile = request.specText() == null ? null : specFile(request);
    String target;
    try {
      target = fromFile == null && request.target().isEmpty() ? DeployTargets.NAMES.get(0)
          : DeployTargets.choose(request.target(), fromFile);
    } catch (IllegalArgumentException e) {
      throw new DeployException(e.getMessage());
    }
    BerthClient client = target.equals(KubernetesTarget.NAME) ? null : master.connect();
    AppSpec base = fromFile != null ? fromFile : running(client, request);
    AppSpec spec = base == null ? drafted(drafter, request, target) : withRequested(base, request);
    if (target.equals(KubernetesTarget.NAME)) {
      // Kubernetes cannot read the image's labels itself, as the bundled runtime's nodes do.
      spec = withImageFacts(spec, log);
    }
    DeployTargets targets = new DeployTargets(
        () -> client, kubernetes, RenderOptions.fromSpec(request.build()), kubernetesApply, pollInterval);
    log.accept("deploying " + spec.key() + " image " + spec.image() + " to " + target);
    DeployOutcome outcome;
    try (DeployTarget deployTarget = targets.open(target)) {
      outcome = deployTarget.deploy(
          new DeployRequest(spec, null, request.waitForRollout(), request.timeout(),
              request.rollbackOnFailure()), log);
    } catch (dev.berth.runtime.deploy.DeployException e) {
      if (e.getCause() instanceof BerthApiException api) {
        throw api;
      }
      throw new DeployException(e.getMessage());
    } catch (IllegalArgumentException e) {
      // The target could not be set up (e.g. an unreadable KUBECONFIG): the message names the setting.
      throw new DeployException(e.getMessage());
    }
    outcome.diagnostics().forEach(line -> log.accept("  " + line));
    return new DeployResult(spec.name(), spec.namespace(), outcome.revision(), outcome(outcome),
        outcome.ready(), outcome.phase() == DeployOutcome.Phase.APPLIED ? 0 : outcome.desired(), millis(started),
        outcome.phase() == DeployOutcome.Phase.APPLIED ? "" : outcome.message(), target);
  }

  /**
   * The spec with JVM facts from the image's labels when it says nothing of what the app is, so the renderer can
   * size a JVM; a spec that names its stack (written or drafted) is left alone, and so is an unreadable image,
   * with one warning line.
   */
  private AppSpec withImageFacts(AppSpec spec, Consumer<String> log) {
    AppFacts facts = spec.jvm().facts();
    if (!spec.jvm().automatic() || (facts != null && facts.stack() != null)) {
      return spec;
    }
    try {
      AppSpec filled = ImageFacts.fill(spec, imageLabels.read(spec.image()));
      if (filled != spec) {
        log.accept("JVM facts from the labels of " + spec.image() + " (stack " + filled.jvm().facts().stack()
            + "): the heap is sized from the memory limit");
      }
      return filled;
    } catch (IOException e) {
      log.accept("warning: cannot read the labels of " + spec.image() + " (" + e.getMessage() + "); a JVM in it"
          + " runs unsized on Kubernetes: add jvm.facts to the spec, or leave out spec: to draft them");
      return spec;
    }
  }

  private static DeployResult.Outcome outcome(DeployOutcome outcome) {
    return switch (outcome.phase()) {
      case APPLIED -> DeployResult.Outcome.APPLIED;
      case COMPLETE -> DeployResult.Outcome.SUCCEEDED;
      case FAILED -> outcome.rolledBack() ? DeployResult.Outcome.ROLLED_BACK : DeployResult.Outcome.FAILED;
      case TIMED_OUT -> DeployResult.Outcome.TIMED_OUT;
    };
  }

  private static AppSpec specFile(Request request) throws DeployException {
    AppSpec spec;
    try {
      spec = ApiJson.readSpec(request.specText());
    } catch (SpecValidationException e) {
      throw new DeployException("the app spec is not valid: " + e.getMessage());
    }
    if (!spec.name().equals(request.app())) {
      throw new DeployException("the app spec names app '" + spec.name() + "' but the step deploys '"
          + request.app() + "'; make them the same");
    }
    return spec;
  }

  /**
   * The spec the master runs, for a deploy that names no spec file; {@code null} when there is none to reuse (the
   * app is not on the master yet, or the target is Kubernetes).
   */
  private static AppSpec running(BerthClient client, Request request)
      throws DeployException, BerthApiException {
    if (client == null) {
      return null;
    }
    AppSpec base;
    try {
      base = client.app(request.namespace(), request.app()).spec();
    } catch (BerthApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
    if (request.image() == null) {
      throw new DeployException("no image to deploy: pass image: (e.g. the digest berthBuild returned) or a spec"
          + " file naming one");
    }
    return base;
  }

  /** A spec drafted for the step's image, with its strategy when it gives one. */
  private static AppSpec drafted(SpecDrafter drafter, Request request, String target)
      throws DeployException, IOException, InterruptedException {
    if (request.image() == null) {
      throw new DeployException("no image to deploy " + request.namespace() + "/" + request.app() + " for the first"
          + " time: pass image:, run berthBuild earlier in this run, or pass the app's spec file, e.g. spec:"
          + " 'app.yaml'");
    }
    AppSpec spec = drafter.draft(request.image(), target);
    if (!spec.name().equals(request.app()) || !spec.namespace().equals(request.namespace())) {
      throw new IllegalStateException("drafted " + spec.key() + " for " + request.namespace() + "/" + request.app());
    }
    return withRequested(spec, request);
  }

  /** The spec with the step's image and strategy, when it gives them. */
  static AppSpec withRequested(AppSpec base, Request request) throws DeployException {
    try {
      RolloutSpec update = base.update();
      if (request.strategy() != null) {
        update = new RolloutSpec(request.strategy(), update.maxSurge(), update.maxUnavailable(),
            update.progressDeadline());
      }
      return new AppSpec(base.name(), base.namespace(), request.image() == null ? base.image() : request.image(),
          base.replicas(), base.command(), base.args(), base.resources(), base.jvm(), base.ports(), base.env(),
          base.configFiles(), base.health(), update, base.placement(), base.target(), base.network());
    } catch (SpecValidationException e) {
      throw new DeployException(e.getMessage());
    }
  }

  private static long millis(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }
}
