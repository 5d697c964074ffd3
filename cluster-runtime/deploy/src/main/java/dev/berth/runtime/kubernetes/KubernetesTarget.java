package dev.berth.runtime.kubernetes;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.DeployException;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deploys an app spec to Kubernetes: renders it, applies every object with server-side apply as field manager
 * {@code berth}, follows the Deployment's rollout, and on failure reports events and crashed containers and, when
 * asked, undoes the Deployment to its previous revision.
 */
public final class KubernetesTarget implements DeployTarget, AutoCloseable {

  public static final String NAME = "kubernetes";
  /** The label the Deployment controller adds to a ReplicaSet's pods; not part of Berth's template. */
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private final KubernetesClient client;
  private final KubernetesRenderer renderer;
  private final RenderOptions options;
  private final RolloutWatch watch;
  private final ObjectApply applier;

  public KubernetesTarget(KubernetesClient client, RenderOptions options, Clock clock, Duration pollInterval) {
    this(client, options, clock, pollInterval, ObjectApply.serverSide());
  }

  /** A target writing objects with {@code applier} instead of server-side apply (for tests against a mock). */
  public KubernetesTarget(
      KubernetesClient client, RenderOptions options, Clock clock, Duration pollInterval, ObjectApply applier) {
    this.applier = applier;
    this.client = client;
    this.renderer = new KubernetesRenderer();
    this.options = options;
    this.watch = new RolloutWatch(client, clock, pollInterval);
  }

  /**
   * A target on the cluster {@code connection} reaches, writing objects with {@code applier}.
   *
   * @throws IllegalArgumentException when no client can be set up from the configuration; the message never
   *     quotes the configuration, which holds credentials
   */
  public static KubernetesTarget open(
      KubernetesConnection connection, RenderOptions options, Duration pollInterval, ObjectApply applier) {
    KubernetesClient client;
    try {
      client = connection.open();
    } catch (KubernetesClientException e) {
      throw new IllegalArgumentException("cannot set up the Kubernetes client (" + e.getClass().getSimpleName()
          + "); check KUBECONFIG or ~/.kube/config and its current context, or the pod's service account"
          + " in-cluster", e);
    }
    return new KubernetesTarget(client, options, Clock.systemUTC(), pollInterval, applier);
  }

  /** Closes the client and its connections. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeployOutcome deploy(DeployRequest request, Consumer<String> progress) throws DeployException {
    AppSpec spec = request.spec();
    List<HasMetadata> objects;
    try {
      objects = renderer.render(spec, options);
    } catch (IllegalArgumentException e) {
      throw new DeployException(NAME, e.getMessage(), e);
    }
    Deployment applied = null;
    for (HasMetadata object : objects) {
      HasMetadata result = apply(object);
      progress.accept(object.getKind().toLowerCase(java.util.Locale.ROOT) + " " + spec.namespace() + "/" + object.getMetadata().getName()
          + " applied");
      if (result instanceof Deployment deployment) {
        applied = deployment;
      }
    }
    long generation = applied == null || applied.getMetadata().getGeneration() == null
        ? 0 : applied.getMetadata().getGeneration();
    if (!request.follow()) {
      return new DeployOutcome(
          spec.key(), generation, DeployOutcome.Phase.APPLIED, 0, spec.replicas(), "applied", List.of(), false);
    }
    RolloutState state;
    try {
      state = watch.follow(spec.namespace(), spec.name(), request.timeout(), progress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException(NAME, "interrupted while following the rollout of " + spec.key(), e);
    } catch (KubernetesClientException e) {
      throw refused("read Deployment " + spec.key(), e);
    }
    long revision = revision(spec).orElse(generation);
    DeployOutcome.Phase phase =
        switch (state.phase()) {
          case COMPLETE -> DeployOutcome.Phase.COMPLETE;
          case FAILED -> DeployOutcome.Phase.FAILED;
          default -> DeployOutcome.Phase.TIMED_OUT;
        };
    List<String> diagnostics = phase == DeployOutcome.Phase.FAILED ? diagnostics(spec) : List.of();
    boolean rolledBack = false;
    if (phase == DeployOutcome.Phase.FAILED && request.rollbackOnFailure()) {
      rolledBack = rollback(spec, revision, (Deployment) objects.stream()
          .filter(Deployment.class::isInstance).findFirst().orElseThrow(), progress);
    }
    return new DeployOutcome(
        spec.key(), revision, phase, state.ready(), state.desired(), state.message(), diagnostics, rolledBack);
  }

  private HasMetadata apply(HasMetadata object) throws DeployException {
    try {
      return applier.apply(client, object);
    } catch (KubernetesClientException e) {
      throw refused("apply " + object.getKind() + " " + object.getMetadata().getNamespace() + "/"
          + object.getMetadata().getName(), e);
    }
  }

  private DeployException refused(String what, KubernetesClientException e) {
    if (e.getCode() <= 0) {
      // No HTTP answer: the client's own message only names the operation; the cause says why.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String reason = root == e || root.getMessage() == null ? root.getClass().getSimpleName()
          : root.getClass().getSimpleName() + ": " + root.getMessage();
      return new DeployException(NAME, "Kubernetes: cannot " + what + " at " + client.getMasterUrl() + ": " + reason
          + "; check that the cluster of the kubeconfig's current context (KUBECONFIG or ~/.kube/config) is"
          + " reachable", e);
    }
    String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    String hint = e.getCode() == 401 || e.getCode() == 403
        ? "; check the kubeconfig's current context and its rights in the namespace" : "";
    return new DeployException(NAME, "Kubernetes: cannot " + what + ": " + reason + " (HTTP " + e.getCode() + ")"
        + hint, e);
  }

  private Optional<Long> revision(AppSpec spec) {
    Deployment current = client.apps().deployments().inNamespace(spec.namespace()).withName(spec.name()).get();
    if (current == null || current.getMetadata().getAnnotations() == null) {
      return Optional.empty();
    }
    String value = current.getMetadata().getAnnotations().get(RolloutWatch.REVISION);
    try {
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Warning events of the app's objects, and why its containers last ended or wait. */
  List<String> diagnostics(AppSpec spec) {
    List<String> lines = new ArrayList<>();
    try {
      for (Event event : client.v1().events().inNamespace(spec.namespace()).list().getItems()) {
        String involved = event.getInvolvedObject() == null ? "" : event.getInvolvedObject().getName();
        if (involved != null && involved.startsWith(spec.name()) && "Warning".equals(event.getType())) {
          lines.add("event " + event.getInvolvedObject().getKind() + " " + involved + ": " + event.getReason()
              + " - " + event.getMessage());
        }
      }
      List<Pod> pods =
          client.pods().inNamespace(spec.namespace()).withLabels(KubernetesLabels.selector(spec)).list().getItems();
      for (Pod pod : pods) {
        if (pod.getStatus() == null) {
          continue;
        }
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
          String name = "pod " + pod.getMetadata().getName();
          ContainerStateTerminated last =
              container.getLastState() == null ? null : container.getLastState().getTerminated();
          if (last != null) {
            lines.add(name + " last terminated: " + last.getReason() + " (exit code " + last.getExitCode() + ")"
                + (last.getMessage() == null ? "" : " - " + last.getMessage())
                + ", restarts " + container.getRestartCount());
          }
          ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
          if (waiting != null && waiting.getReason() != null) {
            lines.add(name + " waiting: " + waiting.getReason()
                + (waiting.getMessage() == null ? "" : " - " + waiting.getMessage()));
          }
        }
      }
    } catch (KubernetesClientException e) {
      lines.add("could not read events and pods: " + e.getMessage());
    }
    return lines;
  }

  /**
   * Puts the pod template of the previous revision back, as {@code kubectl rollout undo} does, and applies it
   * with the rest of Berth's Deployment so field ownership stays with Berth.
   */
  private boolean rollback(AppSpec spec, long revision, Deployment rendered, Consumer<String> progress)
      throws DeployException {
    Deployment current = client.apps().deployments().inNamespace(spec.namespace()).withName(spec.name()).get();
    Map<Long, ReplicaSet> byRevision = new LinkedHashMap<>();
    for (ReplicaSet set :
        client.apps().replicaSets().inNamespace(spec.namespace()).withLabels(KubernetesLabels.selector(spec))
            .list().getItems()) {
      boolean owned = current == null || set.getMetadata().getOwnerReferences().isEmpty()
          || set.getMetadata().getOwnerReferences().stream()
              .anyMatch(o -> current.getMetadata().getUid() == null || current.getMetadata().getUid().equals(o.getUid()));
      String value = set.getMetadata().getAnnotations() == null ? null
          : set.getMetadata().getAnnotations().get(RolloutWatch.REVISION);
      if (owned && value != null && value.matches("\\d+")) {
        byRevision.put(Long.parseLong(value), set);
      }
    }
    Optional<Long> previous =
        byRevision.keySet().stream().filter(r -> r < revision).max(Comparator.naturalOrder());
    if (previous.isEmpty()) {
      progress.accept("no rollback: no revision before " + revision + " is kept");
      return false;
    }
    PodTemplateSpec template = byRevision.get(previous.get()).getSpec().getTemplate();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      template.getMetadata().getLabels().remove(POD_TEMPLATE_HASH);
    }
    Deployment undo = new DeploymentBuilder(rendered).editSpec().withTemplate(template).endSpec().build();
    apply(undo);
    progress.accept("rolled back " + spec.key() + " to revision " + previous.get());
    return true;
  }
}
