package dev.berth.imagebuilder.steps;

import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.detect.StackDetection;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildBackend;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.plan.BuildPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs an image build's steps in their fixed order: render the Dockerfile (with the offline-base fallback), plan
 * engine or daemonless, build. Backends are loaded through {@link ServiceLoader} only here, so detection-only
 * callers never load docker-java or Jib.
 */
public final class StepsRunner {

  private final List<BuildBackend> backends;
  private final DockerfileRenderer renderer;
  private final BaseImageCatalog catalog;

  /** A runner with the standard renderer and the backends on the class path. */
  public static StepsRunner standard() {
    List<BuildBackend> backends =
        ServiceLoader.load(BuildBackend.class, StepsRunner.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    return new StepsRunner(backends, DockerfileRenderer.standard(), BaseImageCatalog.load());
  }

  public StepsRunner(List<BuildBackend> backends, DockerfileRenderer renderer, BaseImageCatalog catalog) {
    this.backends = List.copyOf(backends);
    this.renderer = renderer;
    this.catalog = catalog;
  }

  /**
   * Detects the app at {@code request.input()} and builds it; any unpacked copy detection made is deleted after.
   *
   * @throws ImageBuildException when detection did not succeed (with its exit code) or a step failed
   */
  public BuildResult build(BuildRequest request, BuildListener listener) throws ImageBuildException {
    listener.onEvent(BuildEvent.step("Detecting " + request.input()));
    String version = StepsRunner.class.getPackage().getImplementationVersion();
    try (Detection detection = new StackDetection(catalog, version == null ? "dev" : version)
        .detect(request.input(), request.detectOptions())) {
      return run(detection.report(), detection.root(), detection.temporary() != null, request, listener);
    }
  }

  /**
   * Builds the detected app.
   *
   * @param report a successful detection of the app
   * @param root the folder the report's layer sources are relative to
   * @throws ImageBuildException when detection did not succeed (with its exit code) or a step failed
   */
  public BuildResult run(DetectReport report, Path root, BuildRequest request, BuildListener listener)
      throws ImageBuildException {
    return run(report, root, false, request, listener);
  }

  /** {@code disposableRoot}: root is detection's unpacked copy, so the context may hard-link its files. */
  private BuildResult run(
      DetectReport report, Path root, boolean disposableRoot, BuildRequest request, BuildListener listener)
      throws ImageBuildException {
    if (report.outcome() != DetectReport.Outcome.OK) {
      String why = report.error() != null && report.error().headline() != null
          ? report.error().headline() : "detection did not succeed";
      throw new ImageBuildException(
          request.input() + ": [" + report.outcome() + "] " + why + "; no image built (run `berth detect "
              + request.input() + "` for the evidence)",
          report.exitCode() == 0 ? 1 : report.exitCode(),
          null);
    }
    BuildBackend engine = backend("engine");
    RenderedDockerfile rendered =
        new RenderDockerfileStep(renderer, catalog, engine)
            .run(report, root, disposableRoot, request, outputDir(request), listener);
    boolean baseInEngine = request.daemonless() && baseInEngine(engine, rendered.baseImage());
    BuildPlan plan = BuildPlanner.plan(rendered, request, baseInEngine);
    return new BackendBuildStep(backends).run(plan, listener);
  }

  /**
   * Builds a Dockerfile written by hand (not rendered by Berth) on the engine, with {@code context} as the build
   * context and its {@code .dockerignore} applied: no detection, no base fallback.
   *
   * @param context a folder holding {@code Dockerfile}
   * @throws ImageBuildException when the Dockerfile cannot be read or the engine build fails
   */
  public BuildResult buildDockerfile(Path context, List<String> tags, BuildTarget target, BuildListener listener)
      throws ImageBuildException {
    Path dockerfile = context.resolve("Dockerfile");
    String text;
    try {
      text = Files.readString(dockerfile);
    } catch (IOException e) {
      throw new ImageBuildException("cannot read " + dockerfile + " (" + e.getMessage() + "); check that it is a"
          + " readable file", e);
    }
    RenderedDockerfile handWritten =
        new RenderedDockerfile(context, "dockerfile", "committed", "committed", finalBase(text), null, true, null);
    return new BackendBuildStep(backends).run(new BuildPlan.DockerfileBuild(handWritten, tags, target), listener);
  }

  /**
   * The image the last stage starts FROM, for the build's base label and result; {@code scratch} when it is built
   * from a build argument, which only the engine resolves (an unresolvable name would make the engine refuse the
   * lookup, while {@code scratch} is simply not found).
   */
  static String finalBase(String dockerfile) {
    String base = "scratch";
    for (String line : dockerfile.lines().map(String::strip).toList()) {
      String[] words = line.split("\\s+");
      if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
        continue;
      }
      int i = 1;
      while (i < words.length - 1 && words[i].startsWith("--")) {
        i++;
      }
      base = words[i].contains("$") ? "scratch" : words[i];
    }
    return base;
  }

  /** {@code .berth} inside a folder input, or beside a file input, unless the request names one. */
  static Path outputDir(BuildRequest request) {
    if (request.outputDir() != null) {
      return request.outputDir();
    }
    Path input = request.input().toAbsolutePath();
    return Files.isDirectory(input) ? input.resolve(".berth") : input.getParent().resolve(".berth");
  }

  private static boolean baseInEngine(BuildBackend engine, String image) {
    try {
      return engine.baseAvailable(image, BuildListener.none());
    } catch (ImageBuildException e) {
      // No engine: a daemonless build then reads its base from the registry.
      return false;
    }
  }

  private BuildBackend backend(String name) throws ImageBuildException {
    return backends.stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new ImageBuildException(
            "the " + name + " build backend is not on the class path; use the berth launcher"));
  }
}
