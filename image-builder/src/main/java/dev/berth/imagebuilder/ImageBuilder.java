package dev.berth.imagebuilder;

import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.api.RegistryLogin;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.detect.StackDetection;
import dev.berth.imagebuilder.docker.BuildContextTar;
import dev.berth.imagebuilder.dockerfile.DockerfileException;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.jib.RegistryCredentials;
import dev.berth.imagebuilder.jib.RegistryImageLabels;
import dev.berth.imagebuilder.steps.StepsRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The image builder's one entry point: detection now; rendering and builds are added beside it. */
public final class ImageBuilder {

  private ImageBuilder() {}

  /**
   * Detects the stack of {@code input} (a folder, or a jar/war/ear/zip/tar.gz) as DETECTION.md §2 says. Never
   * throws for bad input: the report's outcome, exit code and error say what went wrong. Close the result to
   * delete any unpacked copy.
   */
  public static Detection detect(Path input, DetectOptions options) {
    return new StackDetection(BaseImageCatalog.load(), version()).detect(input, options);
  }

  /**
   * Renders the editable Dockerfile and a self-contained build context for a successful detection into
   * {@code options.outputDir()}, replacing that folder only once everything was written.
   *
   * @throws DockerfileException naming the input and the fix (failed detection, missing layer source, …)
   */
  public static RenderedDockerfile renderDockerfile(Detection detection, RenderOptions options)
      throws DockerfileException {
    return DockerfileRenderer.standard().render(detection.report(), detection.root(), options);
  }

  /**
   * Detects, renders and builds the app at {@code request.input()}: on the engine, or daemonless with Jib when the
   * request says so; the public base falls back to the offline one (with a notice) when it cannot be had.
   *
   * @throws ImageBuildException naming the input and the fix; detection failures keep their exit code
   */
  public static BuildResult build(BuildRequest request, BuildListener listener) throws ImageBuildException {
    return StepsRunner.standard().build(request, listener);
  }

  /**
   * Builds a hand-written {@code Dockerfile} in {@code context} on the Docker engine, as {@code docker build} would
   * (the folder's {@code .dockerignore} applies), then pushes or saves it as {@code target} says.
   *
   * @throws ImageBuildException naming the cause and the fix
   */
  public static BuildResult buildDockerfile(Path context, List<String> tags, BuildTarget target,
      BuildListener listener) throws ImageBuildException {
    return StepsRunner.standard().buildDockerfile(context, tags, target, listener);
  }

  /**
   * Writes {@code context} (a folder holding a Dockerfile) as the tar a Docker build takes, applying its
   * {@code .dockerignore} as the docker CLI does; closes {@code out}. Needs no engine: clients that ship the context
   * elsewhere (a build job on the Berth cluster) send exactly what {@code docker build} would.
   */
  public static void writeContext(Path context, OutputStream out) throws IOException {
    BuildContextTar.write(context, out);
  }

  /**
   * {@link #writeContext(Path, OutputStream)} without the top-level entries named in {@code leaveOut}, e.g.
   * {@code .berth}, the output of an earlier render that the receiver renders again.
   */
  public static void writeContext(Path context, Set<String> leaveOut, OutputStream out) throws IOException {
    List<String> sources;
    try (Stream<Path> top = Files.list(context)) {
      sources = top.map(p -> p.getFileName().toString()).filter(n -> !leaveOut.contains(n)).sorted().toList();
    }
    BuildContextTar.write(context, out, null, sources);
  }

  /**
   * The labels of an image in its registry (manifest and config only, no layers; plain HTTP only on loopback),
   * e.g. Berth's {@code dev.berth.*} facts for a target that cannot read them itself; logged in as {@code auth}
   * says, else anonymous.
   *
   * @throws IOException naming the reference when it is not valid, not found, or the registry refuses or is down
   */
  public static Map<String, String> registryLabels(String reference, RegistryAuth auth) throws IOException {
    return RegistryImageLabels.read(reference, auth);
  }

  /**
   * The login {@code auth} describes for {@code registry} (host[:port]): the explicit one, else the Docker config's
   * ({@code auths}, {@code credHelpers}, {@code credsStore}), else empty for anonymous pulls and pushes.
   *
   * @throws IOException naming the registry and the config file when a credential helper it names fails
   */
  public static Optional<RegistryLogin> registryLogin(RegistryAuth auth, String registry) throws IOException {
    return RegistryCredentials.find(auth, registry);
  }

  /** The hint for a registry that refused Berth: where it looked for a login, and how to give it one. */
  public static String registryLoginHint(RegistryAuth auth, String registry) {
    return RegistryCredentials.hint(auth, registry);
  }

  /** Whether a Docker engine's pull or push error says the registry wants a (different) login. */
  public static boolean registryRefusedLogin(String engineError) {
    return RegistryCredentials.refusedLogin(engineError);
  }

  /** Berth's version as packaged, or {@code dev} when running from classes. */
  public static String version() {
    String v = ImageBuilder.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
