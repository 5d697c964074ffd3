package dev.berth.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.DeployException;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Apply, rollout watch, failure and rollback against fabric8's API server mock in CRUD mode. The mock runs no
 * controllers: each test plays the Deployment controller by writing the status it would write. The mock also
 * refuses server-side apply (415, and 404 for a missing object): the first test checks the request Berth sends
 * for it, the others write the same objects with a create or a replace ({@link #REPLACE}) instead.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {

  // Instance fields: a fresh mock server per test, so no test sees another's objects.
  KubernetesClient client;
  KubernetesMockServer server;

  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private Thread controller;

  @AfterEach
  void stopController() throws InterruptedException {
    if (controller != null) {
      controller.interrupt();
      controller.join(5000);
    }
  }

  /** Stands in for server-side apply, which the mock does not implement: create, or replace what exists. */
  static final ObjectApply REPLACE =
      (client, object) -> client.resource(object).get() == null
          ? client.resource(object).create()
          : client.resource(object).update();

  @Test
  void deploy_sendsServerSideApplyAsBerthWithForce() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("legacy-jar");
    KubernetesTarget serverSide = new KubernetesTarget(
        client, RenderOptions.defaults(), Clock.systemUTC(), Duration.ofMillis(20));

    // The mock cannot apply (404 for a missing object); what matters is the request a real API server would get.
    assertThatThrownBy(() -> serverSide.deploy(request(spec, false, false), progress::add))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("cannot apply ConfigMap finance/billing-config")
        .hasMessageContaining("(HTTP ");
    RecordedRequest patch = requests("PATCH").get(0);
    assertThat(patch.getPath())
        .startsWith("/api/v1/namespaces/finance/configmaps/billing-config?")
        .contains("fieldManager=berth").contains("force=true");
    assertThat(patch.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    // The body is not checked: the mock's dispatcher has consumed it by the time the test reads the request.
  }

  @Test
  void deploy_writesEveryRenderedObject() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("legacy-jar");
    DeployOutcome outcome = target().deploy(request(spec, false, false), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.APPLIED);
    Deployment deployment = client.apps().deployments().inNamespace("finance").withName("billing").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getMetadata().getLabels()).containsEntry("berth.dev/build-number", "42");
    assertThat(client.configMaps().inNamespace("finance").withName("billing-config").get())
        .extracting(ConfigMap::getData).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKey("opt.billing.conf.billing.properties");
    assertThat(client.services().inNamespace("finance").withName("billing").get())
        .extracting(s -> s.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(progress).containsExactly(
        "configmap finance/billing-config applied", "deployment finance/billing applied",
        "service finance/billing applied");
  }

  @Test
  void deploy_followsTheRolloutUntilEveryReplicaIsUpdatedAndAvailable() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("node-app");
    simulate("default", "web", d -> status(d, 1, 2, 1, 1, null), d -> status(d, 2, 2, 2, 2, null));

    DeployOutcome outcome = target().deploy(request(spec, true, false), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.COMPLETE);
    assertThat(outcome.ready()).isEqualTo(2);
    assertThat(outcome.desired()).isEqualTo(2);
    assertThat(progress).anyMatch(l -> l.startsWith("rollout progressing: 1/2 ready, 1 updated, 1 old left"));
    assertThat(progress).last().asString().startsWith("rollout complete: 2/2 ready");
  }

  @Test
  void deploy_failedRollout_reportsEventsAndTheCrashedContainersLastTermination() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("node-app");
    crashedPod("default", "web");
    simulate("default", "web", d -> status(d, 1, 3, 1, 0, KubernetesTargetTest::deadlineExceeded));

    DeployOutcome outcome = target().deploy(request(spec, true, false), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.FAILED);
    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.message()).contains("progressDeadlineSeconds (600s)");
    assertThat(outcome.diagnostics())
        .anyMatch(l -> l.contains("web-7c9d-abcde last terminated: OOMKilled (exit code 137)"))
        .anyMatch(l -> l.contains("waiting: CrashLoopBackOff"))
        .anyMatch(l -> l.contains("BackOff - Back-off restarting failed container"));
    assertThat(outcome.rolledBack()).isFalse();
  }

  @Test
  void deploy_failedRolloutWithRollback_putsThePreviousRevisionsTemplateBack() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("node-app");
    replicaSet("default", "web", "web-1111", 1, "127.0.0.1:5000/web:1.0");
    replicaSet("default", "web", "web-2222", 2, spec.image());
    simulate("default", "web", d -> {
      d.getMetadata().getAnnotations().put(RolloutWatch.REVISION, "2");
      return status(d, 1, 3, 1, 0, KubernetesTargetTest::deadlineExceeded);
    });

    DeployOutcome outcome = target().deploy(request(spec, true, true), progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.FAILED);
    assertThat(outcome.revision()).isEqualTo(2);
    assertThat(outcome.rolledBack()).isTrue();
    Deployment after = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("127.0.0.1:5000/web:1.0");
    assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
    assertThat(progress).contains("rolled back default/web to revision 1");
  }

  @Test
  void deploy_noControllerProgress_timesOutWithoutFailingTheRollout() throws Exception {
    AppSpec spec = KubernetesRendererTest.spec("node-app");
    DeployRequest request = new DeployRequest(spec, null, true, Duration.ofMillis(600), true);

    DeployOutcome outcome = target().deploy(request, progress::add);

    assertThat(outcome.phase()).isEqualTo(DeployOutcome.Phase.TIMED_OUT);
    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.rolledBack()).isFalse();
    assertThat(outcome.message()).contains("gave up waiting");
  }

  @Test
  void evaluate_newGenerationNotYetObserved_isStillProgressing() {
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName("x").withGeneration(3L).endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withObservedGeneration(2L).withReplicas(1).withUpdatedReplicas(1)
        .withAvailableReplicas(1).withReadyReplicas(1).endStatus()
        .build();
    assertThat(RolloutWatch.evaluate(d).phase()).isEqualTo(RolloutState.Phase.PROGRESSING);
    d.getStatus().setObservedGeneration(3L);
    assertThat(RolloutWatch.evaluate(d).phase()).isEqualTo(RolloutState.Phase.COMPLETE);
  }

  private KubernetesTarget target() {
    RenderOptions options = new RenderOptions(
        false, RenderOptions.Exposure.CLUSTER, null, new BuildReference("finance/billing", "42", null));
    return new KubernetesTarget(client, options, Clock.systemUTC(), Duration.ofMillis(20), REPLACE);
  }

  private static DeployRequest request(AppSpec spec, boolean follow, boolean rollback) {
    return new DeployRequest(spec, null, follow, Duration.ofSeconds(20), rollback);
  }

  /** Plays the Deployment controller: once the Deployment exists, writes each status step in turn. */
  @SafeVarargs
  private void simulate(String namespace, String name, UnaryOperator<Deployment>... steps) {
    controller = new Thread(() -> {
      try {
        var resource = client.apps().deployments().inNamespace(namespace).withName(name);
        // Wait for Berth's apply (its labels), not the shell the test created.
        resource.waitUntilCondition(
            d -> d != null && d.getMetadata().getLabels() != null
                && d.getMetadata().getLabels().containsKey(KubernetesLabels.MANAGED_BY),
            10, TimeUnit.SECONDS);
        for (UnaryOperator<Deployment> step : steps) {
          Thread.sleep(150);
          Deployment current = resource.get();
          if (current.getMetadata().getAnnotations() == null) {
            current.getMetadata().setAnnotations(new java.util.HashMap<>());
          }
          Deployment next = step.apply(current);
          // Annotations live in metadata, the rest in the status subresource, as the real controller writes them.
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
    controller.setDaemon(true);
    controller.start();
  }

  private static Deployment status(
      Deployment d, int updated, int total, int ready, int available,
      UnaryOperator<DeploymentBuilder> extra) {
    DeploymentBuilder b = new DeploymentBuilder(d)
        .withNewStatus().withReplicas(total).withUpdatedReplicas(updated).withReadyReplicas(ready)
        .withAvailableReplicas(available).endStatus();
    return (extra == null ? b : extra.apply(b)).build();
  }

  private static DeploymentBuilder deadlineExceeded(DeploymentBuilder b) {
    return b.editStatus()
        .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
            .withReason(RolloutWatch.DEADLINE_EXCEEDED)
            .withMessage("ReplicaSet \"web-7c9d\" has timed out progressing.").build())
        .endStatus();
  }

  private void crashedPod(String namespace, String app) {
    client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(app + "-7c9d-abcde")
        .withLabels(Map.of(KubernetesLabels.NAME, app, KubernetesLabels.INSTANCE, app)).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec()
        .withNewStatus().addNewContainerStatus().withName("app").withRestartCount(4)
        .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 40s").endWaiting().endState()
        .endContainerStatus().endStatus()
        .build()).create();
    client.v1().events().inNamespace(namespace).resource(new EventBuilder()
        .withNewMetadata().withName(app + "-7c9d-abcde.1").endMetadata()
        .withNewInvolvedObject().withKind("Pod").withName(app + "-7c9d-abcde").endInvolvedObject()
        .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container app")
        .build()).create();
  }

  private void replicaSet(String namespace, String app, String name, int revision, String image) {
    client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
        .withNewMetadata().withName(name)
        .withLabels(Map.of(KubernetesLabels.NAME, app, KubernetesLabels.INSTANCE, app))
        .withAnnotations(Map.of(RolloutWatch.REVISION, Integer.toString(revision))).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(Map.of(KubernetesLabels.NAME, app)).endSelector()
        .withNewTemplate().withNewMetadata()
        .withLabels(new java.util.HashMap<>(Map.of(KubernetesLabels.NAME, app, KubernetesLabels.INSTANCE, app,
            KubernetesTarget.POD_TEMPLATE_HASH, name.substring(app.length() + 1))))
        .endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
        .endTemplate().endSpec()
        .build()).create();
  }

  private List<RecordedRequest> requests(String method) throws InterruptedException {
    List<RecordedRequest> found = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (r.getMethod().equals(method)) {
        found.add(r);
      }
    }
    return found;
  }
}
