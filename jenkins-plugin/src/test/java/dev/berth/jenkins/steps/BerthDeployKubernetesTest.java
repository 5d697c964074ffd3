package dev.berth.jenkins.steps;

import static dev.berth.runtime.kubernetes.testing.SimulatedDeploymentController.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.kubernetes.ObjectApply;
import dev.berth.runtime.kubernetes.testing.SimulatedDeploymentController;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthDeploy to Kubernetes against fabric8's API server mock in CRUD mode. The mock runs no controllers and
 * refuses server-side apply: the step writes with create/replace here, and the test plays the Deployment
 * controller by writing the status it would write. No Berth master is configured: Kubernetes needs none.
 */
@EnableKubernetesMockClient(crud = true)
class BerthDeployKubernetesTest {

  static final String K8S_TOKEN = "k8s-token-5e1d0a";
  static final String SPEC = "name: web\nimage: 127.0.0.1:5000/web:1\nreplicas: 2\ncommand: [node]\n"
      + "resources: {memory: 256Mi, cpu: 250m}\nports: [{name: http, port: 3000}]\n"
      + "health: {http: {path: /healthz}}\nupdate: {maxSurge: 50%, maxUnavailable: 0}\n";

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path ws;
  final RecordingListener listener = new RecordingListener();
  final EnvVars env = new EnvVars();
  TestStepContext context;
  private SimulatedDeploymentController controller;

  @BeforeEach
  void context() throws Exception {
    env.put("JOB_NAME", "shop/main");
    env.put("BUILD_NUMBER", "17");
    context = new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws));
  }

  @AfterEach
  void stopController() throws InterruptedException {
    if (controller != null) {
      controller.close();
    }
  }

  @SafeVarargs
  private void simulate(UnaryOperator<Deployment>... steps) {
    controller = SimulatedDeploymentController.start(client, "default", "web", List.of(steps));
  }

  /** The step with the mock's client (carrying a token, to check it is never printed) and create/replace. */
  Map<String, Object> run(BerthDeployStep step) throws Exception {
    return run(step, image -> Map.of());
  }

  /** The same, with the image's labels as {@code labels} reads them (no registry in these tests). */
  Map<String, Object> run(BerthDeployStep step, dev.berth.jenkins.cluster.Deployment.ImageLabels labels)
      throws Exception {
    return new BerthDeployExecution(step, context, Duration.ofMillis(20), e -> this::clientWithToken,
        ObjectApply.createOrReplace()).withImageLabels(labels).run();
  }

  static final String JVM_SPEC = "name: web\nimage: 127.0.0.1:5000/web:1\nreplicas: 2\n"
      + "resources: {memory: 640Mi, cpu: 500m}\nports: [{name: http, port: 8081}]\n";

  private java.util.List<io.fabric8.kubernetes.api.model.EnvVar> appliedEnv() {
    return client.apps().deployments().inNamespace("default").withName("web").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
  }

  @Test
  void specWithoutJvmFacts_takesThemFromTheImagesLabels_soTheHeapIsSized() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), JVM_SPEC);
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");
    step.setWait(false);

    run(step, image -> Map.of("dev.berth.stack", "jvm-dist", "dev.berth.jdk.runtime", "17",
        "dev.berth.jdk.version", "17.0.15", "dev.berth.jvm.legacy-xmx", "256m"));

    assertThat(listener.text()).contains("[Berth] JVM facts from the labels of 127.0.0.1:5000/web:1 (stack"
        + " jvm-dist): the heap is sized from the memory limit");
    assertThat(appliedEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(e.getValue()).contains("-Xmx");
    });
  }

  @Test
  void unreadableImageLabels_areOneWarningLine_andTheDeployGoesOnUnsized() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), JVM_SPEC);
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");
    step.setWait(false);

    Map<String, Object> result = run(step, image -> {
      throw new java.io.IOException("the registry 127.0.0.1:5000 did not give " + image + "'s manifest and config");
    });

    assertThat(result).containsEntry("outcome", "APPLIED");
    assertThat(listener.text()).contains("[Berth] warning: cannot read the labels of 127.0.0.1:5000/web:1 (the"
        + " registry 127.0.0.1:5000 did not give").contains("runs unsized on Kubernetes");
    assertThat(appliedEnv()).noneMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS"));
  }

  KubernetesClient clientWithToken() {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withOauthToken(K8S_TOKEN).build()).build();
  }

  @Test
  void specTargetKubernetes_rollsOutAndReturnsTheMapWithTheTarget() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), SPEC + "target: kubernetes\n");
    simulate(d -> status(d, 1, 3, 1, 1, null), d -> status(d, 2, 2, 2, 2, null));
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");

    Map<String, Object> result = run(step);

    assertThat(result).containsEntry("target", "kubernetes").containsEntry("outcome", "SUCCEEDED")
        .containsEntry("app", "web").containsEntry("namespace", "default")
        .containsEntry("ready", 2L).containsEntry("desired", 2L);
    assertThat(listener.text())
        .contains("[Berth] deploying default/web image 127.0.0.1:5000/web:1 to kubernetes")
        .contains("[Berth] deployment default/web applied").contains("[Berth] service default/web applied")
        .contains("[Berth] rollout progressing: 1/2 ready")
        .contains("[Berth] rollout complete: 2/2 ready")
        .contains("[Berth] default/web on kubernetes revision ")
        .doesNotContain(K8S_TOKEN);
    Deployment applied = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(applied.getMetadata().getLabels()).containsEntry("berth.dev/build-number", "17");
    assertThat(context.results).isEmpty();
  }

  @Test
  void failedRollout_failsTheBuildWithOneLineAndLogsWhyTheContainersEnded() throws Exception {
    Files.writeString(ws.resolve("app.yaml"), SPEC);
    SimulatedDeploymentController.crashedPod(client, "default", "web");
    simulate(d -> {
      d.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "3");
      return status(d, 1, 3, 1, 0, SimulatedDeploymentController::deadlineExceeded);
    });
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");

    assertThatThrownBy(() -> run(step)).isInstanceOfSatisfying(AbortException.class, e -> {
      assertThat(e.getMessage()).startsWith("berthDeploy: default/web on kubernetes revision 3: FAILED, 1/2 ready")
          .contains("progressDeadlineSeconds").doesNotContain("\n").doesNotContain("Exception");
    });
    assertThat(listener.text())
        .contains("[Berth]   pod web-7c9d-abcde last terminated: OOMKilled (exit code 137)")
        .contains("[Berth]   event Pod web-7c9d-abcde: BackOff - Back-off restarting failed container app")
        .doesNotContain("\tat ");
  }

  @Test
  void kubeconfigFromTheStepsEnvironment_isUsedAndItsTokenNeverPrinted() throws Exception {
    Path kubeconfig = Files.writeString(ws.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: mock
          cluster: {server: '%s', insecure-skip-tls-verify: true}
        users:
        - name: ci
          user: {token: %s}
        contexts:
        - name: test
          context: {cluster: mock, user: ci, namespace: default}
        """.formatted(client.getMasterUrl(), K8S_TOKEN));
    env.put("KUBECONFIG", kubeconfig.toString());
    Files.writeString(ws.resolve("app.yaml"), SPEC);
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");
    step.setWait(false);

    Map<String, Object> result = new BerthDeployExecution(step, context, Duration.ofMillis(20),
        BerthDeployExecution::kubernetesConnection, ObjectApply.createOrReplace())
        .withImageLabels(image -> Map.of()).run();

    assertThat(result).containsEntry("outcome", "APPLIED").containsEntry("target", "kubernetes");
    assertThat(listener.text()).doesNotContain(K8S_TOKEN);
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getHeader("Authorization")).isEqualTo("Bearer " + K8S_TOKEN);
  }

  @Test
  void unreadableKubeconfig_isOneLineNamingIt() throws Exception {
    env.put("KUBECONFIG", ws.resolve("missing-kubeconfig").toString());
    Files.writeString(ws.resolve("app.yaml"), SPEC);
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");

    assertThatThrownBy(() -> new BerthDeployExecution(step, context, Duration.ofMillis(20),
            BerthDeployExecution::kubernetesConnection, ObjectApply.createOrReplace())
            .withImageLabels(image -> Map.of()).run())
        .isInstanceOf(AbortException.class)
        .hasMessageContaining("berthDeploy: KUBECONFIG ").hasMessageContaining("missing-kubeconfig cannot be read");
  }

  @Test
  void malformedKubeconfig_isOneLineNamingIt_withoutQuotingTheTokenOnTheBadLine() throws Exception {
    // A YAML error on the token's line: the parser's own message would print that line into the build log.
    Path kubeconfig = Files.writeString(ws.resolve("kubeconfig"),
        "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: " + K8S_TOKEN + " : [\n");
    env.put("KUBECONFIG", kubeconfig.toString());
    Files.writeString(ws.resolve("app.yaml"), SPEC);
    BerthDeployStep step = new BerthDeployStep("web");
    step.setSpec("app.yaml");
    step.setTarget("kubernetes");

    assertThatThrownBy(() -> new BerthDeployExecution(step, context, Duration.ofMillis(20),
            BerthDeployExecution::kubernetesConnection, ObjectApply.createOrReplace())
            .withImageLabels(image -> Map.of()).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: KUBECONFIG " + kubeconfig + " is not a valid kubeconfig (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(K8S_TOKEN).doesNotContain("\n"));
    assertThat(listener.text()).doesNotContain(K8S_TOKEN);
  }

  @Test
  void kubernetesWithoutSpecFile_andNoAppInTheFolder_saysDetectionFailedAndAsksForASpec() {
    BerthDeployStep step = new BerthDeployStep("web");
    step.setTarget("kubernetes");
    step.setImage("127.0.0.1:5000/web:2");

    assertThatThrownBy(() -> run(step)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDeploy: cannot draft a spec for 'web': detection in . failed [UNKNOWN_STACK]")
        .hasMessageEndingWith("pass the app's spec file, e.g. spec: '.berth/app.yaml'");
  }
}
