package dev.berth.imagebuilder.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.DockerignoreException;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.api.RegistryLogin;
import dev.berth.imagebuilder.jib.RegistryCredentials;
import dev.berth.imagebuilder.plan.BuildBackend;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.plan.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a rendered Dockerfile on a Docker engine through docker-java (the engine's legacy builder on 20.10),
 * streaming the builder's output as progress, then pushes or saves the image when asked.
 */
public final class EngineBackend implements BuildBackend {

  /** Label with the base image's ID, so a build can be traced to the exact base it used (DETECTION.md §2.6). */
  public static final String BASE_ID_LABEL = "dev.berth.base.id";

  /** Label on a dependency-layer cache image: the digest it was built for. */
  public static final String CACHE_LABEL = "dev.berth.cache.key";

  /** Bumped when what the cache digest covers changes, so old cache images are never reused wrongly. */
  private static final String CACHE_FORMAT = "berth-layer-cache v2";

  private static final long PULL_TIMEOUT_SECONDS = 120;

  private final String dockerHost;
  private final Map<String, String> labels;

  /** A backend on the local engine ({@code DOCKER_HOST} or the default socket). */
  public EngineBackend() {
    this(null, Map.of());
  }

  /** A backend on the engine at {@code dockerHost}, e.g. {@code unix:///var/run/docker.sock}. */
  public EngineBackend(String dockerHost) {
    this(dockerHost, Map.of());
  }

  /**
   * A backend that also puts {@code labels} on every image it builds (tests mark theirs with
   * {@code berth.test.run}).
   */
  public EngineBackend(String dockerHost, Map<String, String> labels) {
    this.dockerHost = dockerHost;
    this.labels = Map.copyOf(labels);
  }

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public boolean builds(BuildPlan plan) {
    return plan instanceof BuildPlan.DockerfileBuild;
  }

  @Override
  public boolean baseAvailable(String image, BuildListener listener) throws ImageBuildException {
    try (DockerClient docker = DockerClients.forHost(dockerHost)) {
      if (present(docker, image)) {
        return true;
      }
      listener.onEvent(BuildEvent.step("Pulling " + image));
      try {
        docker
            .pullImageCmd(image)
            .exec(new PullImageResultCallback())
            .awaitCompletion(PULL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return present(docker, image);
      } catch (DockerException e) {
        listener.onEvent(BuildEvent.progress("cannot pull " + image + ": " + firstLine(e.getMessage())));
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while pulling " + image, e);
    } catch (IOException | RuntimeException e) {
      throw noEngine(e);
    }
  }

  @Override
  public BuildResult build(BuildPlan plan, BuildListener listener) throws ImageBuildException {
    if (!(plan instanceof BuildPlan.DockerfileBuild build)) {
      throw new IllegalArgumentException("the engine backend builds Dockerfiles, not " + plan);
    }
    Path context = build.rendered().directory();
    String image = build.tags().get(0);
    try (DockerClient docker = DockerClients.forHost(dockerHost)) {
      String baseImage = build.rendered().baseImage();
      InspectImageResponse base = inspect(docker, baseImage);
      listener.onEvent(BuildEvent.step("Building " + image + " from " + context + " on the engine"));
      Optional<CacheSplit> split = CacheSplit.of(Files.readString(context.resolve("Dockerfile")));
      InspectImageResponse from = split.isEmpty() ? null : inspect(docker, split.get().fromImage());
      String imageId =
          from == null
              ? buildImage(docker, context, null, null, build.tags(), labels(base), listener)
              : buildOnCache(docker, context, split.get(), from, build.tags(), labels(base), listener);
      // The legacy builder reports a short ID; callers compare full ones.
      InspectImageResponse built = docker.inspectImageCmd(imageId).exec();
      imageId = built.getId();
      long sizeBytes = built.getSize() == null ? -1 : built.getSize();
      String digest = null;
      boolean pushed = false;
      if (build.target() instanceof BuildTarget.Registry registry) {
        // Looked up once per registry: a credential helper is a process per lookup.
        Map<String, Optional<RegistryLogin>> logins = new HashMap<>();
        for (String tag : build.tags()) {
          push(docker, tag, registry.auth(), logins, listener);
        }
        pushed = true;
        digest = digestOf(docker, image);
      } else if (build.target() instanceof BuildTarget.Tar tar) {
        save(docker, image, tar.file(), listener);
      }
      listener.onEvent(BuildEvent.step("Built " + image + " (" + shortId(imageId) + ")"));
      return new BuildResult(
          image, build.tags(), imageId, digest, pushed, name(), baseImage, baseImage.startsWith("berth/"),
          sizeBytes);
    } catch (DockerException | DockerClientException e) {
      throw new ImageBuildException(
          "building " + image + " from " + context + " failed: " + firstLine(e.getMessage())
              + "; see the builder output above, fix the Dockerfile or the app, and build again",
          e);
    } catch (DockerignoreException e) {
      throw new ImageBuildException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw noEngine(e);
    }
  }

  /**
   * Builds the part above the cache marker once, as {@code berth-cache/<app>:<digest of that part and its files>},
   * then the app's layers FROM it with only their own files sent: a rebuild after an app change sends kilobytes,
   * not the libraries. The digest covers the FROM image's ID, the text above the marker and every file it copies
   * (names, modes, contents: what the engine's own cache compares), so any change there builds a new cache image.
   */
  private String buildOnCache(
      DockerClient docker, Path context, CacheSplit split, InspectImageResponse from, List<String> tags,
      Map<String, String> labels, BuildListener listener) throws IOException {
    String key = sha256(CACHE_FORMAT + "\n" + from.getId() + "\n" + split.upper() + "\n"
        + BuildContextTar.digest(context, split.upperSources()));
    String repository = "berth-cache/" + cacheName(tags.get(0));
    String cacheImage = repository + ":" + key.substring(0, 24);
    if (present(docker, cacheImage)) {
      listener.onEvent(BuildEvent.step("Reusing the unchanged dependency layers in " + cacheImage));
    } else {
      listener.onEvent(BuildEvent.step("Building the dependency layers once, as " + cacheImage));
      // The build's own labels (the base's ID) go on the cache image, which the app's image inherits them from,
      // so the app's part has no LABEL step of its own (each step costs a container on the legacy builder).
      Map<String, String> cacheLabels = new java.util.LinkedHashMap<>(labels);
      cacheLabels.put(CACHE_LABEL, key);
      buildImage(docker, context, split.upper(), split.upperSources(), List.of(cacheImage), cacheLabels, listener);
      removeOlderCacheImages(docker, repository, cacheImage);
    }
    return buildImage(docker, context, "FROM " + cacheImage + "\n" + split.lower(), split.lowerSources(), tags,
        this.labels, listener);
  }

  /** Sends the context (or the part under {@code sources}, with {@code dockerfile} as its Dockerfile) and builds. */
  private static String buildImage(
      DockerClient docker, Path context, String dockerfile, List<String> sources, List<String> tags,
      Map<String, String> labels, BuildListener listener) throws IOException {
    Path contextTar = Files.createTempFile("berth-context", ".tar");
    try {
      try (OutputStream out = Files.newOutputStream(contextTar)) {
        BuildContextTar.write(context, out, dockerfile, sources);
      }
      try (InputStream body = Files.newInputStream(contextTar)) {
        return docker
            .buildImageCmd(body)
            .withTags(new LinkedHashSet<>(tags))
            .withLabels(labels)
            .withPull(false)
            .withRemove(true)
            .exec(new ProgressCallback(listener))
            .awaitImageId();
      }
    } finally {
      Files.deleteIfExists(contextTar);
    }
  }

  /** Untags this app's earlier cache images; one still under a built image keeps its tag (the engine refuses). */
  private static void removeOlderCacheImages(DockerClient docker, String repository, String keep) {
    for (Image image : docker.listImagesCmd().withReferenceFilter(repository).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(repository + ":") && !tag.equals(keep)) {
          try {
            docker.removeImageCmd(tag).withNoPrune(false).exec();
          } catch (DockerException e) {
            // Still the parent of a built image: its layers are shared with that image anyway.
          }
        }
      }
    }
  }

  /** The cache repository's name for an image: its last path segment, e.g. {@code shop} for reg:5000/team/shop:1. */
  static String cacheName(String image) {
    String repository = ImageReference.parse(image).repository();
    String last = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    String name = last.replaceAll("[^a-z0-9._-]", "-");
    return name.isEmpty() ? "app" : name;
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private Map<String, String> labels(InspectImageResponse base) {
    Map<String, String> all = new java.util.LinkedHashMap<>(labels);
    if (base != null) {
      all.put(BASE_ID_LABEL, base.getId());
    }
    return all;
  }

  private void push(DockerClient docker, String tag, RegistryAuth auth, Map<String, Optional<RegistryLogin>> logins,
      BuildListener listener) throws ImageBuildException {
    ImageReference ref = ImageReference.parse(tag);
    if (ref.registry() == null) {
      throw new ImageBuildException(
          "cannot push " + tag + ": the tag names no registry; tag it like 127.0.0.1:5000/"
              + ref.repository() + ":" + ref.tag());
    }
    Optional<RegistryLogin> login = logins.get(ref.registry());
    if (login == null) {
      try {
        login = RegistryCredentials.find(auth, ref.registry());
      } catch (IOException e) {
        throw new ImageBuildException("cannot push " + tag + ": " + e.getMessage(), e);
      }
      logins.put(ref.registry(), login);
    }
    listener.onEvent(BuildEvent.step("Pushing " + tag
        + login.map(l -> " (login from " + l.source() + ")").orElse(" (no login)")));
    AtomicReference<String> error = new AtomicReference<>();
    try {
      PushImageCmd push = docker.pushImageCmd(ref.withoutTag()).withTag(ref.tag());
      login.ifPresent(l -> push.withAuthConfig(DockerClients.authConfig(l)));
      push.exec(
              new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                  if (item.isErrorIndicated()) {
                    error.compareAndSet(
                        null, item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                  }
                }
              })
          .awaitCompletion(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while pushing " + tag, e);
    } catch (DockerException e) {
      error.compareAndSet(null, firstLine(e.getMessage()));
    }
    if (error.get() != null) {
      String fix = RegistryCredentials.refusedLogin(error.get())
          ? RegistryCredentials.hint(auth, ref.registry())
          : "check that the registry " + ref.registry() + " runs and accepts pushes";
      throw new ImageBuildException("pushing " + tag + " failed: " + error.get() + "; " + fix);
    }
  }

  private static String digestOf(DockerClient docker, String image) {
    InspectImageResponse inspected = inspect(docker, image);
    List<String> digests = inspected == null ? null : inspected.getRepoDigests();
    if (digests == null) {
      return null;
    }
    String repository = ImageReference.parse(image).withoutTag();
    return digests.stream()
        .filter(d -> d.startsWith(repository + "@"))
        .map(d -> d.substring(d.indexOf('@') + 1))
        .findFirst()
        .orElse(null);
  }

  private static void save(DockerClient docker, String image, Path file, BuildListener listener)
      throws IOException {
    listener.onEvent(BuildEvent.step("Saving " + image + " to " + file));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
    try (InputStream in = docker.saveImageCmd(image).exec()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static boolean present(DockerClient docker, String image) {
    return inspect(docker, image) != null;
  }

  private static InspectImageResponse inspect(DockerClient docker, String image) {
    try {
      return docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private ImageBuildException noEngine(Exception e) {
    return new ImageBuildException(
        "the Docker engine at " + (dockerHost != null ? dockerHost : "DOCKER_HOST or /var/run/docker.sock")
            + " did not answer (" + firstLine(String.valueOf(e.getMessage())) + "); start one (scripts/test.sh"
            + " and scripts/quickstart.sh do) or build daemonless with --jib",
        e);
  }

  private static String shortId(String imageId) {
    String id = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    return message.strip().lines().findFirst().orElse("");
  }

  /** Forwards the builder's output, a line at a time, and keeps its error for the exception. */
  private static final class ProgressCallback extends BuildImageResultCallback {
    private final BuildListener listener;

    ProgressCallback(BuildListener listener) {
      this.listener = listener;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        item.getStream().lines().map(String::stripTrailing).filter(l -> !l.isBlank())
            .forEach(l -> listener.onEvent(BuildEvent.progress(l)));
      }
      super.onNext(item);
    }
  }
}
