package dev.berth.imagebuilder.plan;

import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.ImageBuildException;

/**
 * A way to build images, found through {@link java.util.ServiceLoader} only when building, so callers that never
 * build (the Jenkins plugin's detection) need neither docker-java nor Jib on their class path.
 */
public interface BuildBackend {

  /** {@code engine} or {@code jib}. */
  String name();

  /** Whether this backend builds this kind of plan. */
  boolean builds(BuildPlan plan);

  /**
   * Whether {@code image} can serve as a base: present where this backend reads bases, or fetched now.
   *
   * @throws ImageBuildException when the place bases come from cannot be reached at all (e.g. no engine)
   */
  boolean baseAvailable(String image, BuildListener listener) throws ImageBuildException;

  /** Builds, tags and delivers the image; progress goes to {@code listener}. */
  BuildResult build(BuildPlan plan, BuildListener listener) throws ImageBuildException;
}
