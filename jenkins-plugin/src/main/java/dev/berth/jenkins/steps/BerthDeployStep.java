package dev.berth.jenkins.steps;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.Millicores;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.targets.DeployTargets;
import hudson.EnvVars;
import hudson.Extension;
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
 * {@code berthDeploy}: deploys the app's spec to its target, a Berth master or Kubernetes, and waits for the
 * rollout; fails the build when the rollout fails or rolls back.
 *
 * <p>The spec is a file in the workspace ({@code spec}); else, for an app already on a Berth master, the spec it
 * runs; else (a first deploy, or any deploy to Kubernetes) a spec drafted from detection of {@code dir} with
 * {@code replicas}, {@code memory} and {@code cpu}, written to {@code <dir>/.berth/app.yaml}. {@code image} and
 * {@code strategy} replace the spec's. {@code target} overrides the spec's target.
 */
public class BerthDeployStep extends Step {

  private final String app;
  private String image = "";
  private String target = "";
  private String strategy = "";
  private String spec = "";
  private String namespace = "default";
  private boolean wait = true;
  private int timeoutSeconds = 600;
  private boolean failOnRollback = true;
  private boolean rollbackOnFailure;
  private String dir = "";
  private int replicas = 1;
  private String memory = "";
  private String cpu = "";

  @DataBoundConstructor
  public BerthDeployStep(String app) {
    this.app = app == null ? "" : app.trim();
  }

  /** The app's name on the master. */
  public String getApp() {
    return app;
  }

  /** The image to deploy; empty for the digest this run's {@code berthBuild} produced. */
  public String getImage() {
    return image;
  }

  @DataBoundSetter
  public void setImage(String image) {
    this.image = image == null ? "" : image.trim();
  }

  /** {@code berth} (the Berth cluster) or {@code kubernetes}; empty for the spec's target, else berth. */
  public String getTarget() {
    return target;
  }

  @DataBoundSetter
  public void setTarget(String target) {
    if (target == null || target.isBlank()) {
      this.target = "";
      return;
    }
    try {
      // The same names, and the same error for an unknown one, as berth apply --target.
      this.target = DeployTargets.choose(target, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("berthDeploy: " + e.getMessage(), e);
    }
  }

  /** The rollout strategy; empty for the app spec's. */
  public String getStrategy() {
    return strategy;
  }

  @DataBoundSetter
  public void setStrategy(String strategy) {
    this.strategy = strategy == null ? "" : strategy.trim();
  }

  /** The app spec file (YAML or JSON), relative to the workspace; empty for the spec the master runs. */
  public String getSpec() {
    return spec;
  }

  @DataBoundSetter
  public void setSpec(String spec) {
    this.spec = spec == null ? "" : spec.trim();
  }

  /** The app's namespace when no spec file names it. */
  public String getNamespace() {
    return namespace;
  }

  @DataBoundSetter
  public void setNamespace(String namespace) {
    this.namespace = namespace == null || namespace.isBlank() ? "default" : namespace.trim();
  }

  /** Whether to wait for the rollout to finish. */
  public boolean isWait() {
    return wait;
  }

  @DataBoundSetter
  public void setWait(boolean wait) {
    this.wait = wait;
  }

  /** How long to wait for the rollout. */
  public int getTimeoutSeconds() {
    return timeoutSeconds;
  }

  @DataBoundSetter
  public void setTimeoutSeconds(int timeoutSeconds) {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException(StepMessages.format("BerthDeployStep.badTimeout", timeoutSeconds));
    }
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Whether a rollback fails the build (otherwise it marks it unstable). */
  public boolean isFailOnRollback() {
    return failOnRollback;
  }

  @DataBoundSetter
  public void setFailOnRollback(boolean failOnRollback) {
    this.failOnRollback = failOnRollback;
  }

  /** Whether a failed rollout is undone by applying the spec that ran before it (outcome {@code ROLLED_BACK}). */
  public boolean isRollbackOnFailure() {
    return rollbackOnFailure;
  }

  @DataBoundSetter
  public void setRollbackOnFailure(boolean rollbackOnFailure) {
    this.rollbackOnFailure = rollbackOnFailure;
  }

  /** The application folder detection drafts the spec from, relative to the workspace; empty for the workspace. */
  public String getDir() {
    return dir;
  }

  @DataBoundSetter
  public void setDir(String dir) {
    this.dir = dir == null ? "" : dir.trim();
  }

  /** Replicas of a drafted spec; a spec file or the running app's spec keeps its own. */
  public int getReplicas() {
    return replicas;
  }

  @DataBoundSetter
  public void setReplicas(int replicas) {
    if (replicas < 0 || replicas > AppSpec.MAX_REPLICAS) {
      throw new IllegalArgumentException(StepMessages.format("BerthDeployStep.badReplicas",
          String.valueOf(replicas), String.valueOf(AppSpec.MAX_REPLICAS)));
    }
    this.replicas = replicas;
  }

  /** Memory per replica of a drafted spec, e.g. {@code 512Mi}; empty for Berth's choice from detection. */
  public String getMemory() {
    return memory;
  }

  @DataBoundSetter
  public void setMemory(String memory) {
    String m = memory == null ? "" : memory.trim();
    if (!m.isEmpty()) {
      try {
        ByteSize.parse("memory", m);
      } catch (SpecValidationException e) {
        throw new IllegalArgumentException(StepMessages.format("BerthDeployStep.badMemory", m), e);
      }
    }
    this.memory = m;
  }

  /** CPU per replica of a drafted spec, e.g. {@code 500m}; empty for Berth's choice from detection. */
  public String getCpu() {
    return cpu;
  }

  @DataBoundSetter
  public void setCpu(String cpu) {
    String c = cpu == null ? "" : cpu.trim();
    if (!c.isEmpty()) {
      try {
        Millicores.parse("cpu", c);
      } catch (SpecValidationException e) {
        throw new IllegalArgumentException(StepMessages.format("BerthDeployStep.badCpu", c), e);
      }
    }
    this.cpu = c;
  }

  @Override
  public StepExecution start(StepContext context) throws Exception {
    return new BerthDeployExecution(this, context);
  }

  /** Names the function {@code berthDeploy} and the context it needs. */
  @Extension
  public static final class DescriptorImpl extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, EnvVars.class);
    }

    @Override
    public String getFunctionName() {
      return "berthDeploy";
    }

    @Override
    public String getDisplayName() {
      return StepMessages.format("BerthDeployStep.displayName");
    }
  }
}
