package dev.berth.jenkins.steps;

import dev.berth.jenkins.actions.BerthConfiguration;
import dev.berth.jenkins.cluster.DeployException;
import dev.berth.jenkins.cluster.DeployResult;
import dev.berth.jenkins.cluster.Deployment;
import dev.berth.jenkins.cluster.MasterConnection;
import dev.berth.jenkins.cluster.MasterConnectionException;
import dev.berth.runtime.api.client.BerthApiException;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code berthDeploy}: applies the spec and follows the rollout by polling the master. A controller restart
 * while it waits fails the step (JENKINS.md §3.3); the rollout itself goes on.
 */
final class BerthDeployExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  /** How often the rollout is polled; one GET per second is light for the master and prompt in the log. */
  static final Duration POLL = Duration.ofSeconds(1);

  private final transient BerthDeployStep step;
  private final transient Duration poll;

  BerthDeployExecution(BerthDeployStep step, StepContext context) {
    this(step, context, POLL);
  }

  BerthDeployExecution(BerthDeployStep step, StepContext context, Duration poll) {
    super(context);
    this.step = step;
    this.poll = poll;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    if (step.getApp().isEmpty()) {
      throw new AbortException(StepMessages.format("BerthDeployStep.noApp"));
    }
    if (!step.getTarget().equals("berth")) {
      throw new AbortException(StepMessages.format("BerthDeployStep.targetNotAvailable", step.getTarget()));
    }
    PrintStream log = getContext().get(TaskListener.class).getLogger();
    EnvVars env = getContext().get(EnvVars.class);
    MasterConnection master;
    try {
      master = MasterConnection.from(env == null ? Map.of() : env, BerthConfiguration.controllerSettings());
    } catch (MasterConnectionException e) {
      throw new AbortException("berthDeploy: " + e.getMessage());
    }
    Deployment.Request request = new Deployment.Request(step.getNamespace(), step.getApp(), specText(),
        step.getImage(), step.getStrategy(), step.isWait(), Duration.ofSeconds(step.getTimeoutSeconds()));
    DeployResult result;
    try {
      result = new Deployment(master.client(), poll).run(request, line -> log.println("[Berth] " + line));
    } catch (DeployException e) {
      throw new AbortException("berthDeploy: " + e.getMessage());
    } catch (BerthApiException e) {
      throw new AbortException(StepMessages.format("BerthDeployStep.apiFailed", master.url(), e.getMessage()));
    }
    log.println("[Berth] " + result.summary());
    BuildPage.of(getContext(), log).deployed(result, step.getImage());
    if (result.outcome() == DeployResult.Outcome.FAILED || result.outcome() == DeployResult.Outcome.TIMED_OUT) {
      if (step.isFailOnRollback()) {
        throw new AbortException("berthDeploy: " + result.summary());
      }
      getContext().setResult(Result.UNSTABLE);
    }
    return result.toMap();
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
