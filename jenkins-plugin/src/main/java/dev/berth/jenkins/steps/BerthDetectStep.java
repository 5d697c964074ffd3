package dev.berth.jenkins.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code berthDetect}: detects the application's stack in the workspace and returns the report as a map. */
public class BerthDetectStep extends Step {

  private String dir = "";
  private boolean failOnLowConfidence;

  @DataBoundConstructor
  public BerthDetectStep() {}

  /** The application folder, relative to the workspace; empty for the workspace itself. */
  public String getDir() {
    return dir;
  }

  @DataBoundSetter
  public void setDir(String dir) {
    this.dir = dir == null ? "" : dir.trim();
  }

  /** Whether a low-confidence detection fails the build instead of only warning. */
  public boolean isFailOnLowConfidence() {
    return failOnLowConfidence;
  }

  @DataBoundSetter
  public void setFailOnLowConfidence(boolean failOnLowConfidence) {
    this.failOnLowConfidence = failOnLowConfidence;
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new BerthDetectExecution(this, context);
  }

  /** Names the function {@code berthDetect} and the context it needs (a workspace, so a {@code node}). */
  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class);
    }

    @Override
    public String getFunctionName() {
      return "berthDetect";
    }

    @Override
    public String getDisplayName() {
      return StepMessages.format("BerthDetectStep.displayName");
    }
  }
}
