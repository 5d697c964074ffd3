package dev.berth.runtime.kubernetes;

import static dev.berth.runtime.kubernetes.testing.SimulatedDeploymentController.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.DeployException;
import dev.berth.runtime.kubernetes.testing.SimulatedDeploymentController;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
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
  private SimulatedDeploymentController controller;

  @AfterEach
  void stopController() throws InterruptedException {
    if (controller != null) {
      controller.close();
    }
  }

  @SafeVarargs
  private void simulate(String namespace, String name, UnaryOperator<Deployment>... steps) {
    controller = SimulatedDeploymentController.start(client, namespace, name, List.of(steps));
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
    SimulatedDeploymentController.crashedPod(client, "default", "web");
    simulate("default", "web", d -> status(d, 1, 3, 1, 0, SimulatedDeploymentController::deadlineExceeded));

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
      return status(d, 1, 3, 1, 0, SimulatedDeploymentController::deadlineExceeded);
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
