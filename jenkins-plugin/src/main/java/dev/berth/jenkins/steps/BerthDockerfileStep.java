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

/**
 * {@code berthDockerfile}: writes the generated Dockerfile and build context into {@code <dir>/.berth}, or keeps a
 * Dockerfile committed in the application folder.
 */
public class BerthDockerfileStep extends Step {

  private String dir = "";
  private String baseImage = "";
  private boolean overwrite;

  @DataBoundConstructor
  public BerthDockerfileStep() {}

  /** The application folder, relative to the workspace; empty for the workspace itself. */
  public String getDir() {
    return dir;
  }

  @DataBoundSetter
  public void setDir(String dir) {
    this.dir = dir == null ? "" : dir.trim();
  }

  /** An explicit base image for the run stage's {@code FROM}; empty for the catalog's. */
  public String getBaseImage() {
    return baseImage;
  }

  @DataBoundSetter
  public void setBaseImage(String baseImage) {
    this.baseImage = baseImage == null ? "" : baseImage.trim();
  }

  /** Whether to regenerate a Dockerfile that was edited by hand in {@code <dir>/.berth}. */
  public boolean isOverwrite() {
    return overwrite;
  }

  @DataBoundSetter
  public void setOverwrite(boolean overwrite) {
    this.overwrite = overwrite;
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new BerthDockerfileExecution(this, context);
  }

  /** Names the function {@code berthDockerfile} and the context it needs. */
  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class);
    }

    @Override
    public String getFunctionName() {
      return "berthDockerfile";
    }

    @Override
    public String getDisplayName() {
      return StepMessages.format("BerthDockerfileStep.displayName");
    }
  }
}
