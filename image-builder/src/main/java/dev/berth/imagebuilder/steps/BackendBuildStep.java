package dev.berth.imagebuilder.steps;

import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.plan.BuildBackend;
import dev.berth.imagebuilder.plan.BuildPlan;
import java.util.List;

/** Hands the plan to the first backend that builds its kind; backends push or save when the target says so. */
final class BackendBuildStep {

  private final List<BuildBackend> backends;

  BackendBuildStep(List<BuildBackend> backends) {
    this.backends = List.copyOf(backends);
  }

  BuildResult run(BuildPlan plan, BuildListener listener) throws ImageBuildException {
    for (BuildBackend backend : backends) {
      if (backend.builds(plan)) {
        return backend.build(plan, listener);
      }
    }
    throw new ImageBuildException(
        "no build backend for a " + plan.getClass().getSimpleName() + " is on the class path; Berth's engine"
            + " and Jib backends ship in the image-builder jar, so use the berth launcher or add that jar");
  }
}
