package dev.berth.imagebuilder.plan;

import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;

/** The only place that picks between an engine build and a daemonless one. */
public final class BuildPlanner {

  private BuildPlanner() {}

  /**
   * The plan for a rendered app.
   *
   * @param baseInEngine whether the local engine holds the rendered base (a daemonless build then reads it there)
   *
   * @throws ImageBuildException when a daemonless build was asked for an image whose Dockerfile runs commands, or
   *     an engine build was asked to write a tar of an image it also pushes
   */
  public static BuildPlan plan(RenderedDockerfile rendered, BuildRequest request, boolean baseInEngine)
      throws ImageBuildException {
    if (!request.daemonless()) {
      return new BuildPlan.DockerfileBuild(rendered, request.tags(), request.target());
    }
    if (!rendered.daemonless()) {
      throw new ImageBuildException(
          "the " + rendered.stack() + " Dockerfile (" + rendered.templateId() + ") runs commands at build time,"
              + " which only a Docker engine can do; build it without --jib");
    }
    return new BuildPlan.JibBuild(rendered.plan(), baseInEngine, request.tags(), request.target());
  }
}
