package dev.berth.jenkins.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code berthStatus}: reads an app's status from the Berth master, for later stages. */
public class BerthStatusStep extends Step {

  private final String app;
  private String namespace = "default";

  /** The sole parameter, so {@code berthStatus 'shop'} works. */
  @DataBoundConstructor
  public BerthStatusStep(String app) {
    this.app = app == null ? "" : app.trim();
  }

  /** The app's name on the master. */
  public String getApp() {
    return app;
  }

  /** The app's namespace. */
  public String getNamespace() {
    return namespace;
  }

  @DataBoundSetter
  public void setNamespace(String namespace) {
    this.namespace = namespace == null || namespace.isBlank() ? "default" : namespace.trim();
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new BerthStatusExecution(this, context);
  }

  /** Names the function {@code berthStatus} and the context it needs (no workspace). */
  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(TaskListener.class, EnvVars.class);
    }

    @Override
    public String getFunctionName() {
      return "berthStatus";
    }

    @Override
    public String getDisplayName() {
      return StepMessages.format("BerthStatusStep.displayName");
    }
  }
}
