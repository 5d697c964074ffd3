package dev.berth.imagebuilder.plan;

import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.ImagePlan;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import java.util.List;
import java.util.Objects;

/** How one image gets built: from its rendered Dockerfile on an engine, or daemonless from its plan. */
public sealed interface BuildPlan {

  /** Image references; the first names the image. */
  List<String> tags();

  /** Where the image goes. */
  BuildTarget target();

  /** {@code docker build} of a rendered, self-contained context. */
  record DockerfileBuild(RenderedDockerfile rendered, List<String> tags, BuildTarget target) implements BuildPlan {
    public DockerfileBuild {
      Objects.requireNonNull(rendered, "rendered");
      tags = List.copyOf(tags);
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A daemonless (Jib) build of the same image, from its {@link ImagePlan}; {@code baseFromEngine} reads the base
   * from the local engine ({@code docker save}) instead of its registry.
   */
  record JibBuild(ImagePlan plan, boolean baseFromEngine, List<String> tags, BuildTarget target)
      implements BuildPlan {
    public JibBuild {
      Objects.requireNonNull(plan, "plan");
      tags = List.copyOf(tags);
      Objects.requireNonNull(target, "target");
    }
  }
}
