package dev.berth.jenkins.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Locale;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code berthBuild}: builds the application's image from its folder, as a build job on the Berth cluster, on the
 * Docker engine where the step runs, or daemonless with Jib; pushes it when asked.
 */
public class BerthBuildStep extends Step {

  /** The values {@link #setBuilder} accepts. */
  static final Set<String> BUILDERS = Set.of("auto", "cluster", "docker", "jib");

  private final String image;
  private String dir = "";
  private String builder = "auto";
  private String tags = "";
  private boolean push;

  @DataBoundConstructor
  public BerthBuildStep(String image) {
    this.image = image == null ? "" : image.trim();
  }

  /** The image repository, e.g. {@code registry.internal:5000/shop}. */
  public String getImage() {
    return image;
  }

  /** The application folder, relative to the workspace; empty for the workspace itself. */
  public String getDir() {
    return dir;
  }

  @DataBoundSetter
  public void setDir(String dir) {
    this.dir = dir == null ? "" : dir.trim();
  }

  /** {@code auto}, {@code cluster}, {@code docker} or {@code jib}. */
  public String getBuilder() {
    return builder;
  }

  @DataBoundSetter
  public void setBuilder(String builder) {
    String b = builder == null || builder.isBlank() ? "auto" : builder.trim().toLowerCase(Locale.ROOT);
    if (!BUILDERS.contains(b)) {
      throw new IllegalArgumentException(StepMessages.format("BerthBuildStep.badBuilder", builder));
    }
    this.builder = b;
  }

  /** Comma-separated tags; empty for the build number. */
  public String getTags() {
    return tags;
  }

  @DataBoundSetter
  public void setTags(String tags) {
    this.tags = tags == null ? "" : tags.trim();
  }

  /** Whether to push the image to its registry. */
  public boolean isPush() {
    return push;
  }

  @DataBoundSetter
  public void setPush(boolean push) {
    this.push = push;
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new BerthBuildExecution(this, context);
  }

  /** Names the function {@code berthBuild} and the context it needs. */
  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
    }

    @Override
    public String getFunctionName() {
      return "berthBuild";
    }

    @Override
    public String getDisplayName() {
      return StepMessages.format("BerthBuildStep.displayName");
    }
  }
}
