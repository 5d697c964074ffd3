package dev.berth.runtime.kubernetes.testing;

import dev.berth.runtime.kubernetes.KubernetesLabels;
import dev.berth.runtime.kubernetes.RolloutWatch;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Plays Kubernetes' Deployment controller against fabric8's mock API server, which has none: once Berth has
 * applied the Deployment, writes each given status in turn (annotations in metadata, the rest in the status
 * subresource, as the real controller does). Also writes the crashed pod and event a failed rollout leaves.
 */
public final class SimulatedDeploymentController implements AutoCloseable {

  private final Thread thread;

  private SimulatedDeploymentController(Thread thread) {
    this.thread = thread;
  }

  /** Starts playing {@code steps} on {@code namespace/name}, 150 ms apart, once Berth's apply is seen. */
  public static SimulatedDeploymentController start(
      KubernetesClient client, String namespace, String name, List<UnaryOperator<Deployment>> steps) {
    Thread thread = new Thread(() -> {
      try {
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        // Wait for Berth's apply (its labels), not a shell a test may have created.
        resource.waitUntilCondition(
            d -> d != null && d.getMetadata().getLabels() != null
                && d.getMetadata().getLabels().containsKey(KubernetesLabels.MANAGED_BY),
            10, TimeUnit.SECONDS);
        for (UnaryOperator<Deployment> step : steps) {
          Thread.sleep(150);
          Deployment current = resource.get();
          if (current.getMetadata().getAnnotations() == null) {
            current.getMetadata().setAnnotations(new HashMap<>());
          }
          Deployment next = step.apply(current);
          resource.edit(d -> {
            d.getMetadata().setAnnotations(next.getMetadata().getAnnotations());
            return d;
          });
          Deployment latest = resource.get();
          latest.setStatus(next.getStatus());
          latest.getStatus().setObservedGeneration(latest.getMetadata().getGeneration());
          resource.updateStatus(latest);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simulated-deployment-controller");
    thread.setDaemon(true);
    thread.start();
    return new SimulatedDeploymentController(thread);
  }

  /** A status step: replica counts, plus whatever {@code extra} adds (e.g. {@link #deadlineExceeded}). */
  public static Deployment status(
      Deployment d, int updated, int total, int ready, int available, UnaryOperator<DeploymentBuilder> extra) {
    DeploymentBuilder b = new DeploymentBuilder(d)
        .withNewStatus().withReplicas(total).withUpdatedReplicas(updated).withReadyReplicas(ready)
        .withAvailableReplicas(available).endStatus();
    return (extra == null ? b : extra.apply(b)).build();
  }

  /** The condition the controller sets when the progress deadline passes. */
  public static DeploymentBuilder deadlineExceeded(DeploymentBuilder b) {
    return b.editStatus()
        .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
            .withReason(RolloutWatch.DEADLINE_EXCEEDED)
            .withMessage("ReplicaSet \"web-7c9d\" has timed out progressing.").build())
        .endStatus();
  }

  /** A pod of {@code app} that was OOMKilled and now waits in CrashLoopBackOff, with its BackOff event. */
  public static void crashedPod(KubernetesClient client, String namespace, String app) {
    client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(app + "-7c9d-abcde")
        .withLabels(Map.of(KubernetesLabels.NAME, app, KubernetesLabels.INSTANCE, app)).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec()
        .withNewStatus().addNewContainerStatus().withName("app").withRestartCount(4)
        .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
        .endLastState()
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 40s").endWaiting()
        .endState()
        .endContainerStatus().endStatus()
        .build()).create();
    client.v1().events().inNamespace(namespace).resource(new EventBuilder()
        .withNewMetadata().withName(app + "-7c9d-abcde.1").endMetadata()
        .withNewInvolvedObject().withKind("Pod").withName(app + "-7c9d-abcde").endInvolvedObject()
        .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container app")
        .build()).create();
  }

  /** Stops playing. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(5000);
  }
}
