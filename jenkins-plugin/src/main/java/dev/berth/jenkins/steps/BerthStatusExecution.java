package dev.berth.jenkins.steps;

import dev.berth.jenkins.actions.BerthConfiguration;
import dev.berth.jenkins.cluster.MasterConnection;
import dev.berth.jenkins.cluster.MasterConnectionException;
import dev.berth.jenkins.cluster.StatusResult;
import dev.berth.runtime.api.client.BerthApiException;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@code berthStatus}: one GET of the app's status from the master. */
final class BerthStatusExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  private final transient BerthStatusStep step;

  BerthStatusExecution(BerthStatusStep step, StepContext context) {
    super(context);
    this.step = step;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    if (step.getApp().isEmpty()) {
      throw new AbortException(StepMessages.format("BerthStatusStep.noApp"));
    }
    TaskListener listener = getContext().get(TaskListener.class);
    EnvVars env = getContext().get(EnvVars.class);
    MasterConnection master;
    try {
      master = MasterConnection.from(env == null ? Map.of() : env, BerthConfiguration.controllerSettings());
    } catch (MasterConnectionException e) {
      throw new AbortException("berthStatus: " + e.getMessage());
    }
    try {
      LinkedHashMap<String, Object> result =
          StatusResult.of(master.client().app(step.getNamespace(), step.getApp()));
      listener.getLogger().println("[Berth] " + StatusResult.summary(result));
      return result;
    } catch (BerthApiException e) {
      throw new AbortException(StepMessages.format(
          "BerthStatusStep.failed", step.getNamespace() + "/" + step.getApp(), master.url(), e.getMessage()));
    }
  }
}
