package dev.berth.imagebuilder.jib;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.plan.BuildBackend;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.api.ImagePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Builds an {@link ImagePlan} daemonless with Jib: the same layers, entrypoint, labels and user as the rendered
 * Dockerfile, with files owned by the app user and times fixed, so the image is reproducible. The base comes from
 * the local engine when it has it ({@code docker save}), else from its registry; the image goes to the engine,
 * a registry, or a tar file.
 *
 * <p>Jib writes no HEALTHCHECK into the image config; Berth's runtime runs health checks itself from the health
 * label, so the Jib image behaves the same when deployed with Berth.
 */
public final class JibBackend implements BuildBackend {

  private static final FilePermissions FILE_MODE = FilePermissions.fromOctalString("664");
  private static final FilePermissions DIR_MODE = FilePermissions.fromOctalString("775");

  private final Path cacheRoot;
  private final Map<String, String> labels;

  /** A backend caching layers under {@code $BERTH_STATE/jib}. */
  public JibBackend() {
    this(Path.of(System.getenv().getOrDefault("BERTH_STATE", "/var/tmp/berth"), "jib"), Map.of());
  }

  /**
   * A backend caching base and application layers under {@code cacheRoot} that also puts {@code labels} on every
   * image (tests mark theirs with {@code berth.test.run}).
   */
  public JibBackend(Path cacheRoot, Map<String, String> labels) {
    this.cacheRoot = cacheRoot;
    this.labels = Map.copyOf(labels);
  }

  @Override
  public String name() {
    return "jib";
  }

  @Override
  public boolean builds(BuildPlan plan) {
    return plan instanceof BuildPlan.JibBuild;
  }

  /** Jib fetches no bases ahead of a build: the planner asks the engine, where Berth's bases live. */
  @Override
  public boolean baseAvailable(String image, BuildListener listener) {
    return false;
  }

  @Override
  public BuildResult build(BuildPlan plan, BuildListener listener) throws ImageBuildException {
    if (!(plan instanceof BuildPlan.JibBuild build)) {
      throw new IllegalArgumentException("the Jib backend builds image plans, not " + plan);
    }
    ImagePlan image = build.plan();
    String name = build.tags().get(0);
    try {
      listener.onEvent(BuildEvent.step("Building " + name + " daemonless (Jib) FROM " + image.baseImage()));
      JibContainerBuilder builder = base(build);
      for (ImagePlan.Layer layer : image.layers()) {
        builder.addFileEntriesLayer(layer(layer, image));
      }
      if (!image.entrypoint().isEmpty()) {
        builder.setEntrypoint(image.entrypoint());
      }
      if (!image.cmd().isEmpty()) {
        builder.setProgramArguments(image.cmd());
      }
      image.env().forEach(builder::addEnvironmentVariable);
      Map<String, String> all = new LinkedHashMap<>(image.labels());
      all.putAll(labels);
      builder.setLabels(all);
      builder.setUser(image.user());
      builder.setWorkingDirectory(AbsoluteUnixPath.get(image.workdir()));
      builder.setExposedPorts(image.exposedPorts().stream().map(Port::tcp).collect(Collectors.toSet()));

      Containerizer containerizer = containerizer(build, name);
      for (String tag : build.tags().subList(1, build.tags().size())) {
        containerizer.withAdditionalTag(dev.berth.imagebuilder.plan.ImageReference.parse(tag).tag());
      }
      containerizer
          .setToolName("berth")
          .setAllowInsecureRegistries(insecure(build.tags()))
          .setBaseImageLayersCache(cacheRoot.resolve("base"))
          .setApplicationLayersCache(cacheRoot.resolve("app"))
          .addEventHandler(LogEvent.class, e -> {
            if (e.getLevel() != LogEvent.Level.DEBUG) {
              listener.onEvent(BuildEvent.progress(e.getMessage()));
            }
          });
      JibContainer result = builder.containerize(containerizer);
      listener.onEvent(BuildEvent.step("Built " + name + " (" + result.getDigest() + ")"));
      return new BuildResult(
          name,
          build.tags(),
          result.getImageId().toString(),
          result.getDigest().toString(),
          result.isImagePushed(),
          name(),
          image.baseImage(),
          image.baseImage().startsWith("berth/"));
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          "image reference '" + e.getInvalidReference() + "' is not valid; use [registry/]repository[:tag]", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while building " + name, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throwIfLoginRefused(build, name, cause);
      throw new ImageBuildException(
          "daemonless build of " + name + " failed: " + cause.getMessage()
              + "; check that the base " + image.baseImage() + " is in the engine (berth base-images) or in a"
              + " reachable registry, and that the target registry accepts pushes",
          cause);
    } catch (IOException | RuntimeException | com.google.cloud.tools.jib.api.RegistryException
        | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throwIfLoginRefused(build, name, e);
      throw new ImageBuildException("daemonless build of " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** Throws the one line that says how to give Berth a login when the target registry refused the push. */
  private static void throwIfLoginRefused(BuildPlan.JibBuild build, String name, Throwable cause)
      throws ImageBuildException {
    if (cause instanceof RegistryUnauthorizedException && build.target() instanceof BuildTarget.Registry registry) {
      String named = dev.berth.imagebuilder.plan.ImageReference.parse(name).registry();
      String host = named == null ? "docker.io" : named;
      throw new ImageBuildException("the registry " + host + " refused Berth's login or asked for one when pushing "
          + name + "; " + RegistryCredentials.hint(registry.auth(), host), cause);
    }
  }

  private static JibContainerBuilder base(BuildPlan.JibBuild build) throws InvalidImageReferenceException {
    String image = build.plan().baseImage();
    return build.baseFromEngine()
        ? Jib.from(DockerDaemonImage.named(image))
        : Jib.from(RegistryImage.named(image));
  }

  private static FileEntriesLayer layer(ImagePlan.Layer layer, ImagePlan image) throws IOException {
    FileEntriesLayer.Builder files = FileEntriesLayer.builder().setName(layer.name());
    AbsoluteUnixPath target = AbsoluteUnixPath.get(layer.target());
    List<Path> sorted;
    try (var walk = Files.walk(layer.source())) {
      sorted = walk.filter(p -> !p.equals(layer.source())).sorted().toList();
    }
    for (Path path : sorted) {
      String relative = layer.source().relativize(path).toString();
      files.addEntry(
          path,
          target.resolve(relative),
          Files.isDirectory(path) ? DIR_MODE : FILE_MODE,
          image.fileTime(),
          image.fileOwner());
    }
    return files.build();
  }

  private static Containerizer containerizer(BuildPlan.JibBuild build, String name)
      throws InvalidImageReferenceException {
    if (build.target() instanceof BuildTarget.Registry registry) {
      RegistryImage to = RegistryImage.named(name);
      String host = com.google.cloud.tools.jib.api.ImageReference.parse(name).getRegistry();
      return Containerizer.to(to.addCredentialRetriever(() -> {
        try {
          return RegistryCredentials.credential(registry.auth(), host);
        } catch (IOException e) {
          throw new CredentialRetrievalException(e);
        }
      }));
    }
    if (build.target() instanceof BuildTarget.Tar tar) {
      return Containerizer.to(TarImage.at(tar.file()).named(name));
    }
    return Containerizer.to(DockerDaemonImage.named(name));
  }

  /** Plain HTTP is allowed only when every tag's registry is on loopback (or the engine). */
  private static boolean insecure(List<String> tags) {
    return tags.stream()
        .map(dev.berth.imagebuilder.plan.ImageReference::parse)
        .allMatch(r -> r.registry() == null || r.loopbackRegistry());
  }
}
