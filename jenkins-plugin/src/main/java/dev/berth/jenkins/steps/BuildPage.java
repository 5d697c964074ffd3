package dev.berth.jenkins.steps;

import dev.berth.jenkins.actions.BerthBuildAction;
import dev.berth.jenkins.actions.DeployLedger;
import dev.berth.jenkins.cluster.DeployResult;
import dev.berth.jenkins.workspace.BuiltImage;
import hudson.model.Run;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Records what a step did on its build's {@link BerthBuildAction} (and a deploy in the controller's
 * {@link DeployLedger}). The build's own outcome comes first: a record that cannot be saved is logged, never a
 * failure of the step.
 */
final class BuildPage {

  private final Run<?, ?> run;
  private final PrintStream log;

  private BuildPage(Run<?, ?> run, PrintStream log) {
    this.run = run;
    this.log = log;
  }

  /** The build page of the context's run; records nothing when the context has no run (outside a build). */
  static BuildPage of(StepContext context, PrintStream log) throws IOException, InterruptedException {
    return new BuildPage(context.get(Run.class), log);
  }

  /** Records a detection's result map. */
  void detected(Map<String, Object> result) {
    update(a -> a.recordDetect(result));
  }

  /** Records the image {@code berthBuild} built. */
  void built(BuiltImage image) {
    update(a -> a.recordBuild(image.image(), image.tags(), image.imageId(), image.digest(), image.builder(),
        image.deployReference()));
  }

  /** Records a deploy's end, with the image the step named (empty when the spec's image was deployed). */
  void deployed(DeployResult result, String image) {
    long now = System.currentTimeMillis();
    update(a -> {
      a.recordImage(image, "");
      a.recordDeploy(result, now);
    });
    // The ledger links the Berth dashboard's apps to their builds; a Kubernetes deploy is not one of them.
    if (run == null || !result.target().equals("berth")) {
      return;
    }
    try {
      DeployLedger.onController().record(result.namespace(), result.app(), new DeployLedger.Entry(
          run.getFullDisplayName(), run.getExternalizableId(), run.getUrl(), now, result.outcome().name(),
          result.revision()));
    } catch (IOException | RuntimeException e) {
      log.println("[Berth] could not record this deploy for the Berth dashboard: " + e.getMessage());
    }
  }

  private void update(Consumer<BerthBuildAction> change) {
    if (run == null) {
      return;
    }
    try {
      BerthBuildAction.update(run, change);
    } catch (IOException | RuntimeException e) {
      log.println("[Berth] could not save Berth's summary on the build page: " + e.getMessage());
    }
  }
}
