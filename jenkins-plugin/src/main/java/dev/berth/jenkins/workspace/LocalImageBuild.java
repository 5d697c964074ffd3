package dev.berth.jenkins.workspace;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the application folder's image in this JVM through {@link ImageBuilder#build}: on the Docker engine, or
 * daemonless with Jib. Both detect and render into {@code <folder>/.berth} again (keeping hand edits there), so
 * the image is the one {@code berthDockerfile} showed.
 */
public final class LocalImageBuild {

  /** The file a daemonless build that does not push writes, inside {@code <folder>/.berth}. */
  public static final String TAR_NAME = "image.tar";

  /** How the image is built. */
  public enum Mode {
    /** {@code docker build} on the engine, then {@code docker push} when pushing. */
    DOCKER,
    /** Jib: straight to the registry when pushing, else to a {@code docker load}-able tar; no engine needed. */
    JIB
  }

  private LocalImageBuild() {}

  /**
   * Builds and, when {@code push} is set, pushes.
   *
   * @param folder the application folder
   * @param tags image references, the first naming the image
   * @param log receives one line per build event
   * @throws ImageBuildException naming the input, the cause and the fix
   */
  public static BuiltImage run(Path folder, List<String> tags, Mode mode, boolean push, RegistryAuth auth,
      Consumer<String> log) throws ImageBuildException {
    long start = System.nanoTime();
    Path output = folder.resolve(".berth");
    Path tar = output.resolve(TAR_NAME);
    BuildTarget target = push ? new BuildTarget.Registry(auth)
        : mode == Mode.JIB ? new BuildTarget.Tar(tar) : new BuildTarget.Engine();
    // The same overrides berthDockerfile uses: berth.yaml applies, LOW confidence still builds.
    DetectOptions options = new DetectOptions(null, null, null, null, null, false, "step");
    BuildRequest request =
        new BuildRequest(folder, tags, mode == Mode.JIB, target, null, null, output, options);
    BuildResult r = ImageBuilder.build(request, event -> log.accept(line(event)));
    long ms = (System.nanoTime() - start) / 1_000_000;
    String tarFile = target instanceof BuildTarget.Tar ? tar.toString() : "";
    return new BuiltImage(r.image(), r.tags(), r.imageId(), r.digest(), r.pushed(),
        mode == Mode.JIB ? "jib" : "docker", r.baseImage(), tarFile, ms, r.sizeBytes());
  }

  /**
   * Builds the hand-written {@code <folder>/Dockerfile} on the engine with the folder as context (its
   * {@code .dockerignore} applies), as {@code docker build} would; pushes when {@code push} is set.
   *
   * @throws ImageBuildException naming the cause and the fix
   */
  public static BuiltImage committed(Path folder, List<String> tags, boolean push, RegistryAuth auth,
      Consumer<String> log) throws ImageBuildException {
    long start = System.nanoTime();
    BuildTarget target = push ? new BuildTarget.Registry(auth) : new BuildTarget.Engine();
    BuildResult r = ImageBuilder.buildDockerfile(folder, tags, target, event -> log.accept(line(event)));
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new BuiltImage(r.image(), r.tags(), r.imageId(), r.digest(), r.pushed(), "docker", r.baseImage(), "", ms,
        r.sizeBytes());
  }

  private static String line(BuildEvent event) {
    return switch (event.kind()) {
      case STEP -> "[Berth] " + event.message();
      case NOTICE -> "[Berth] NOTE: " + event.message();
      case PROGRESS -> "  " + event.message();
    };
  }
}
