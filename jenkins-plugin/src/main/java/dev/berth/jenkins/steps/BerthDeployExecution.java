package dev.berth.jenkins.steps;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.jenkins.actions.BerthBuildAction;
import dev.berth.jenkins.actions.BerthConfiguration;
import dev.berth.jenkins.cluster.DeployException;
import dev.berth.jenkins.cluster.DeployResult;
import dev.berth.jenkins.cluster.Deployment;
import dev.berth.jenkins.cluster.MasterConnection;
import dev.berth.jenkins.cluster.MasterConnectionException;
import dev.berth.jenkins.workspace.DraftedSpecFile;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.AppSpecDraft;
import dev.berth.runtime.kubernetes.BuildReference;
import dev.berth.runtime.kubernetes.KubernetesConnection;
import dev.berth.runtime.kubernetes.ObjectApply;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code berthDeploy}: deploys the spec to its target (the Berth master, or Kubernetes) and follows the
 * rollout. A controller restart while it waits fails the step (JENKINS.md §3.3); the rollout itself goes on.
 */
final class BerthDeployExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  /** How often the rollout is polled; one GET per second is light for the master and prompt in the log. */
  static final Duration POLL = Duration.ofSeconds(1);

  private final transient BerthDeployStep step;
  private final transient Duration poll;
  /** The Kubernetes client for the step's environment; tests hand in one for a mock API server. */
  private final transient Function<EnvVars, KubernetesConnection> kubernetes;
  private final transient ObjectApply kubernetesApply;
  /** Where image labels come from for Kubernetes deploys: the image's registry, or a test's answer. */
  private transient Deployment.ImageLabels imageLabels;

  BerthDeployExecution(BerthDeployStep step, StepContext context) {
    this(step, context, POLL);
  }

  BerthDeployExecution(BerthDeployStep step, StepContext context, Duration poll) {
    this(step, context, poll, BerthDeployExecution::kubernetesConnection, ObjectApply.serverSide());
  }

  BerthDeployExecution(
      BerthDeployStep step, StepContext context, Duration poll,
      Function<EnvVars, KubernetesConnection> kubernetes, ObjectApply kubernetesApply) {
    super(context);
    this.step = step;
    this.poll = poll;
    this.kubernetes = kubernetes;
    this.kubernetesApply = kubernetesApply;
  }

  /** Reads image labels with {@code labels} instead of the image's registry. */
  BerthDeployExecution withImageLabels(Deployment.ImageLabels labels) {
    this.imageLabels = labels;
    return this;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    if (step.getApp().isEmpty()) {
      throw new AbortException(StepMessages.format("BerthDeployStep.noApp"));
    }
    PrintStream log = getContext().get(TaskListener.class).getLogger();
    EnvVars found = getContext().get(EnvVars.class);
    Map<String, String> env = found == null ? Map.of() : found;
    // The master is read only for the Berth target: a Kubernetes deploy needs no BERTH_MASTER_URL.
    String[] masterUrl = {""};
    Deployment.MasterSource master = () -> {
      try {
        MasterConnection connection = MasterConnection.from(env, BerthConfiguration.controllerSettings());
        masterUrl[0] = String.valueOf(connection.url());
        return connection.client();
      } catch (MasterConnectionException e) {
        throw new DeployException(e.getMessage());
      }
    };
    String image = step.getImage().isEmpty() ? builtInThisRun(log) : step.getImage();
    Deployment.Request request = new Deployment.Request(step.getNamespace(), step.getApp(), specText(),
        image, step.getStrategy(), step.getTarget(), step.isWait(),
        Duration.ofSeconds(step.getTimeoutSeconds()), BuildReference.fromEnvironment(env),
        step.isRollbackOnFailure());
    DeployResult result;
    boolean[] drafted = {false};
    try {
      Deployment deployment =
          new Deployment(master, kubernetes.apply(found == null ? new EnvVars() : found), kubernetesApply, poll);
      RegistryAuth auth = BuildRegistryAuth.of(env, "berthDeploy");
      deployment.withImageLabels(imageLabels != null ? imageLabels
          : labelled -> ImageBuilder.registryLabels(labelled, auth));
      result = deployment
          .run(request, (draftImage, target) -> {
            drafted[0] = true;
            return draft(draftImage, target, log);
          }, line -> log.println("[Berth] " + line));
    } catch (DeployException e) {
      throw new AbortException("berthDeploy: " + e.getMessage());
    } catch (BerthApiException e) {
      throw new AbortException(StepMessages.format("BerthDeployStep.apiFailed", masterUrl[0], e.getMessage()));
    }
    if (!drafted[0] && (step.getReplicas() != 1 || !step.getMemory().isEmpty() || !step.getCpu().isEmpty())) {
      log.println(StepMessages.format("BerthDeployStep.draftOnly", result.namespace() + "/" + result.app()));
    }
    log.println("[Berth] " + result.summary());
    BuildPage.of(getContext(), log).deployed(result, image == null ? "" : image);
    if (result.outcome() == DeployResult.Outcome.FAILED || result.outcome() == DeployResult.Outcome.ROLLED_BACK
        || result.outcome() == DeployResult.Outcome.TIMED_OUT) {
      if (step.isFailOnRollback()) {
        throw new AbortException("berthDeploy: " + result.summary());
      }
      getContext().setResult(Result.UNSTABLE);
    }
    return result.toMap();
  }

  /**
   * The Kubernetes client by the fabric8 client's standard resolution, with the step's {@code KUBECONFIG} first
   * (as {@code withCredentials([file(variable: 'KUBECONFIG', ...)])} binds it): that file's current context, else
   * the controller's {@code KUBECONFIG} or {@code ~/.kube/config}, else the pod's service account in-cluster.
   */
  static KubernetesConnection kubernetesConnection(EnvVars env) {
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return KubernetesConnection.standard();
    }
    // Several files joined as kubectl allows: the first holds the current context in the common case.
    Path file = Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]);
    return KubernetesConnection.kubeconfig(file);
  }

  /**
   * The image {@code berthBuild} built earlier in this run (pinned to its digest when pushed), or {@code null}
   * when it built none: then the spec file's image, or the image the app runs, stays.
   */
  private String builtInThisRun(PrintStream log) throws IOException, InterruptedException {
    Run<?, ?> run = getContext().get(Run.class);
    BerthBuildAction built = run == null ? null : run.getAction(BerthBuildAction.class);
    if (built == null || built.getBuiltReference().isEmpty()) {
      return null;
    }
    String reference = built.getBuiltReference();
    log.println("[Berth] no image: given; deploying the one berthBuild built in this run, " + reference);
    return reference;
  }

  /**
   * The spec drafted from detection of the step's folder, written to {@code <dir>/.berth/app.yaml}, for a deploy
   * without {@code spec:} that finds no spec to reuse.
   */
  private AppSpec draft(String image, String target, PrintStream log)
      throws DeployException, IOException, InterruptedException {
    StepWorkspace ws = StepWorkspace.of("berthDeploy", getContext().get(FilePath.class), step.getDir());
    String folder = ws.relative(ws.folder());
    AppSpecDraft.Overrides overrides = new AppSpecDraft.Overrides(step.getReplicas(), step.getMemory(),
        step.getCpu(), target);
    AppSpecDraft draft;
    try {
      draft = DraftedSpecFile.write(ws.folder(), folder, step.getApp(), step.getNamespace(), image, overrides);
    } catch (DraftedSpecFile.DraftException e) {
      throw new DeployException(e.getMessage());
    }
    log.println(StepMessages.format("BerthDeployStep.drafted", DraftedSpecFile.specPath(folder), draft.summary()));
    return draft.spec();
  }

  /** The spec file's text, or {@code null} when the step names none. */
  private String specText() throws IOException, InterruptedException {
    if (step.getSpec().isEmpty()) {
      return null;
    }
    StepWorkspace ws = StepWorkspace.of("berthDeploy", getContext().get(FilePath.class), "");
    Path file = ws.folder().resolve(step.getSpec()).normalize();
    if (!file.startsWith(ws.root())) {
      throw new AbortException(StepMessages.format("workspace.dirEscapes", "berthDeploy", step.getSpec()));
    }
    if (!Files.isRegularFile(file)) {
      throw new AbortException(StepMessages.format("BerthDeployStep.noSpec", step.getSpec(), ws.relative(ws.root())));
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
