package dev.berth.runtime.targets;

import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.BundledRuntimeTarget;
import dev.berth.runtime.deploy.DeployTarget;
import dev.berth.runtime.kubernetes.KubernetesConnection;
import dev.berth.runtime.kubernetes.KubernetesTarget;
import dev.berth.runtime.kubernetes.ObjectApply;
import dev.berth.runtime.kubernetes.RenderOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns a target name into a {@link DeployTarget} with its connection: the Berth master for {@code berth}, a
 * Kubernetes cluster for {@code kubernetes}. Each connection is opened only when its target is chosen.
 *
 * @param bundled the Berth master's client; asked for only by the bundled target
 * @param kubernetes how the Kubernetes cluster is reached; opened only by the Kubernetes target, closed with it
 * @param renderOptions the Jenkins build labels and the command line's overrides of the spec's network block
 * @param kubernetesApply how objects are written to the cluster: {@link ObjectApply#serverSide()} but in tests
 * @param pollInterval how often a rollout is read, or null for each target's own default
 */
public record DeployTargets(
    Supplier<BerthClient> bundled,
    KubernetesConnection kubernetes,
    RenderOptions renderOptions,
    ObjectApply kubernetesApply,
    Duration pollInterval) {

  /** The target names, the default first. */
  public static final List<String> NAMES = List.of(BundledRuntimeTarget.NAME, KubernetesTarget.NAME);

  public DeployTargets {
    Objects.requireNonNull(bundled, "bundled");
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(renderOptions, "renderOptions");
    Objects.requireNonNull(kubernetesApply, "kubernetesApply");
  }

  /** The master's client, and the cluster the fabric8 client's standard resolution finds. */
  public static DeployTargets standard(Supplier<BerthClient> bundled, RenderOptions renderOptions) {
    return new DeployTargets(
        bundled, KubernetesConnection.standard(), renderOptions, ObjectApply.serverSide(), null);
  }

  /**
   * The target a deploy goes to: the one the caller names (a flag, a step argument), else the spec's, else
   * {@code berth}. {@code k8s} is taken for {@code kubernetes}.
   *
   * @param given the caller's name, or null or blank when it names none
   * @throws IllegalArgumentException naming the unknown target and the known ones
   */
  public static String choose(String given, AppSpec spec) {
    String named = canonical(given);
    return named != null ? named : spec.targetOrDefault();
  }

  private static String canonical(String given) {
    if (given == null || given.isBlank()) {
      return null;
    }
    String name = given.trim().toLowerCase(Locale.ROOT);
    if (name.equals("k8s")) {
      return KubernetesTarget.NAME;
    }
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "target '" + given.trim() + "' is not known; use berth (the bundled runtime) or kubernetes");
    }
    return name;
  }

  /**
   * Opens the target {@code name} (as {@link #choose} returns it; blank for berth); close it when done.
   *
   * @throws IllegalArgumentException when the name is not one of {@link #NAMES}, or the Kubernetes client cannot be
   *     set up (the message names the setting, never a credential)
   */
  public DeployTarget open(String name) {
    if (KubernetesTarget.NAME.equals(canonical(name))) {
      return KubernetesTarget.open(
          kubernetes, renderOptions, pollInterval == null ? Duration.ofSeconds(1) : pollInterval, kubernetesApply);
    }
    BerthClient client = bundled.get();
    return pollInterval == null ? new BundledRuntimeTarget(client) : new BundledRuntimeTarget(client, pollInterval);
  }
}
