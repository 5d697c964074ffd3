package dev.berth.imagebuilder.base;

import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.docker.EngineImageException;
import dev.berth.imagebuilder.docker.EngineImages.EngineImage;
import dev.berth.imagebuilder.docker.EngineImages.RunOutput;
import dev.berth.imagebuilder.docker.EngineImages;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Ensures the catalog's offline base images exist on the local engine, building them without a registry. A base
 * is reused when an image carries its recipe hash, so a second ensure costs one label query. Safe to call from
 * many threads and processes at once: each base is built under a lock in {@code $BERTH_STATE}.
 *
 * <p>Engine tests call {@code BaseImages.shared().ensure("jre-17")} in their {@code @BeforeAll}.
 */
public final class BaseImages implements Closeable {

  /** The user every base is verified as, and templates run as. */
  public static final String APP_USER = Passwd.APP_UID + ":" + Passwd.APP_GID;

  private static final Duration SMOKE_TIMEOUT = Duration.ofMinutes(2);
  private static final long MIN_SIZE = 1_000_000;
  private static BaseImages shared;

  private final BaseImageCatalog catalog;
  private final Map<String, BaseRecipe> recipes;
  private final EngineImages engine;
  private final Path state;
  private final BaseImageListener listener;
  private final UnaryOperator<String> tags;

  /**
   * @param tags maps a catalog tag to the tag used; tests build into throwaway tags so shared bases stay untouched
   */
  BaseImages(
      BaseImageCatalog catalog,
      Map<String, BaseRecipe> recipes,
      EngineImages engine,
      Path state,
      BaseImageListener listener,
      UnaryOperator<String> tags) {
    this.catalog = catalog;
    this.recipes = Map.copyOf(recipes);
    this.engine = engine;
    this.state = state;
    this.listener = listener;
    this.tags = tags;
  }

  /** Bases for the local engine ({@code DOCKER_HOST} or the default socket), state in {@link #stateDir()}. */
  public static BaseImages local(BaseImageListener listener) {
    Path state = stateDir();
    return new BaseImages(
        BaseImageCatalog.load(),
        BaseRecipes.standard(state),
        EngineImages.local(),
        state,
        listener,
        UnaryOperator.identity());
  }

  /** One instance per JVM for tests and long-lived callers; never closed. */
  public static synchronized BaseImages shared() {
    if (shared == null) {
      shared = local(BaseImageListener.NONE);
    }
    return shared;
  }

  /** {@code $BERTH_STATE}, or {@code /var/tmp/berth}. */
  public static Path stateDir() {
    String env = System.getenv("BERTH_STATE");
    return Path.of(env == null || env.isBlank() ? "/var/tmp/berth" : env);
  }

  /** The catalog ids Berth can build, in catalog order. */
  public List<String> ids() {
    return catalog.all().stream().map(BaseImage::id).filter(recipes::containsKey).toList();
  }

  /** The offline tag of a base, e.g. {@code berth/jre:17}. */
  public String tag(String id) {
    return tags.apply(catalog.get(id).offline());
  }

  /** Whether an image with the base's current recipe hash exists; nothing is built. */
  public Optional<BaseImageResult> find(String id) throws BaseImageException {
    BaseRecipe recipe = recipe(id);
    String hash = hash(id, recipe);
    try {
      return base(hash).map(i -> reused(id, i, Duration.ZERO));
    } catch (EngineImageException e) {
      throw new BaseImageException(e.getMessage(), e);
    }
  }

  /** Every base, in catalog order: built now or reused. Stops at the first failure. */
  public List<BaseImageResult> ensureAll() throws BaseImageException {
    List<BaseImageResult> results = new ArrayList<>();
    for (String id : ids()) {
      results.add(ensure(id));
    }
    return results;
  }

  /**
   * The base with this catalog id, built if no image carries its recipe hash, and tagged with its offline tag.
   *
   * @throws IllegalArgumentException for an id the catalog or Berth's recipes do not know
   * @throws BaseImageException when building fails; the message names the step and the fix
   */
  public BaseImageResult ensure(String id) throws BaseImageException {
    long start = System.nanoTime();
    BaseRecipe recipe = recipe(id);
    String tag = tag(id);
    String hash = hash(id, recipe);
    listener.onEvent(new BaseImageEvent.Started(id, tag, hash));
    BaseImageResult result;
    try {
      Optional<EngineImage> tagged = engine.inspect(tag).filter(i -> isBase(i, hash));
      if (tagged.isPresent()) {
        // The cheap path taken by every test's @BeforeAll: one inspect, no lock.
        result = reused(id, tagged.get(), since(start));
      } else {
        try (StateLock lock = StateLock.acquire(state, "base-" + id)) {
          result = ensureLocked(id, recipe, tag, hash, start);
        }
      }
    } catch (EngineImageException e) {
      throw new BaseImageException("base " + id + " (" + tag + "): " + e.getMessage() + engineHint(e), e);
    }
    listener.onEvent(new BaseImageEvent.Finished(id, result));
    return result;
  }

  // One link per step: re-check under the lock, root filesystem, load with config, verify, tag.
  private BaseImageResult ensureLocked(String id, BaseRecipe recipe, String tag, String hash, long start)
      throws BaseImageException, EngineImageException {
    // Another thread or process may have built it while this one waited for the lock.
    Optional<EngineImage> existing = base(hash);
    if (existing.isPresent()) {
      if (!existing.get().tags().contains(tag)) {
        engine.tag(existing.get().id(), tag);
      }
      return reused(id, existing.get(), since(start));
    }
    String shortHash = hash.substring(0, 12);
    Path dir = state.resolve("base-images").resolve(id).resolve(shortHash);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BaseImageException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    BaseRecipe.Workspace ws =
        new BaseRecipe.Workspace(dir, state, step -> listener.onEvent(new BaseImageEvent.Progress(id, step)));
    // Root filesystem: a tar in $BERTH_STATE, reused when this hash was built before.
    BaseRecipe.RootFs rootFs = recipe.rootFs(ws);
    // Load: one layer plus its config (env, workdir, command, labels with the recipe hash).
    ImageConfig config =
        rootFs.config().withLabels(Map.of(BaseImageLabels.RECIPE_HASH, hash, BaseImageLabels.CATALOG_ID, id));
    ws.progress().accept("docker load " + rootFs.tar().getFileName() + " (" + mib(size(rootFs.tar())) + ")");
    String candidate = "berth/base-candidate:" + id + "-" + shortHash;
    String imageId = engine.load(config.toImage(rootFs.tar(), layerDigest(rootFs.tar())), candidate);
    // Verify before tagging: a failed bootstrap must never become the tag (ENVIRONMENT.md §3.2).
    try {
      verify(id, recipe, candidate, config, ws);
    } catch (BaseImageException | EngineImageException e) {
      engine.untag(candidate);
      throw e;
    }
    engine.tag(imageId, tag);
    engine.untag(candidate);
    pruneOtherHashes(dir);
    removeSuperseded(id, hash);
    EngineImage built =
        engine.inspect(imageId).orElseThrow(() -> new BaseImageException("image " + imageId + " vanished"));
    return new BaseImageResult(
        id, tag, BaseImageResult.Outcome.BUILT, built.id(), built.sizeBytes(), since(start), built.labels());
  }

  private void verify(String id, BaseRecipe recipe, String image, ImageConfig config, BaseRecipe.Workspace ws)
      throws BaseImageException, EngineImageException {
    ws.progress().accept("verify: " + String.join(" ", recipe.smokeCommand()) + " as " + APP_USER);
    RunOutput out =
        engine.run(image, APP_USER, recipe.smokeCommand(), Map.of(BaseImageLabels.CATALOG_ID, id), SMOKE_TIMEOUT);
    String version = config.labels().get(BaseImageLabels.RUNTIME_VERSION);
    long size = engine.inspect(image).map(EngineImage::sizeBytes).orElse(0L);
    if (out.exitCode() != 0 || (version != null && !out.output().contains(version)) || size < MIN_SIZE) {
      throw new BaseImageException(
          "base "
              + id
              + " failed its check: "
              + String.join(" ", recipe.smokeCommand())
              + " as "
              + APP_USER
              + " exited "
              + out.exitCode()
              + (version == null ? "" : ", expected version " + version)
              + ", image size "
              + size
              + " bytes; output:\n"
              + out.output().strip()
              + "\nThe tar stays in "
              + ws.dir()
              + "; delete that folder to rebuild from scratch");
    }
  }

  /**
   * The base image with this recipe hash. App images built FROM a base inherit its labels, so only a one-layer
   * image (every base is one loaded layer) counts; otherwise the tag could move onto an app.
   */
  private Optional<EngineImage> base(String hash) throws EngineImageException {
    return engine.findByLabel(BaseImageLabels.RECIPE_HASH, hash).stream().filter(i -> isBase(i, hash)).findFirst();
  }

  private static boolean isBase(EngineImage image, String hash) {
    return image.layers() == 1 && hash.equals(image.labels().get(BaseImageLabels.RECIPE_HASH));
  }

  private BaseRecipe recipe(String id) {
    catalog.get(id);
    BaseRecipe recipe = recipes.get(id);
    if (recipe == null) {
      throw new IllegalArgumentException(
          "Berth has no offline recipe for base '" + id + "'; buildable: " + String.join(", ", ids()));
    }
    return recipe;
  }

  private String hash(String id, BaseRecipe recipe) throws BaseImageException {
    Map<String, String> inputs = new TreeMap<>(recipe.inputs());
    inputs.put("catalog.offline", tag(id));
    return RecipeHash.of(inputs);
  }

  private BaseImageResult reused(String id, EngineImage image, Duration took) {
    return new BaseImageResult(
        id, tag(id), BaseImageResult.Outcome.REUSED, image.id(), image.sizeBytes(), took, image.labels());
  }

  /** Earlier builds of the same base lost their tag to this one; remove those no app image or container uses. */
  private void removeSuperseded(String id, String hash) throws EngineImageException {
    for (EngineImage old : engine.findByLabel(BaseImageLabels.CATALOG_ID, id)) {
      if (old.layers() == 1 && old.tags().isEmpty() && !hash.equals(old.labels().get(BaseImageLabels.RECIPE_HASH))) {
        engine.removeIfUnused(old.id());
      }
    }
  }

  /** Older hashes' tars of the same base are never used again. */
  private static void pruneOtherHashes(Path dir) {
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      for (Path other : siblings.filter(p -> !p.equals(dir)).toList()) {
        JlinkRuntime.deleteTree(other);
      }
    } catch (IOException | BaseImageException e) {
      // Disk housekeeping only.
    }
  }

  /** The layer's diff ID, kept beside the tar so a warm machine does not hash 300 MB again. */
  private static String layerDigest(Path tar) throws BaseImageException {
    Path sidecar = tar.resolveSibling(tar.getFileName() + ".sha256");
    try {
      if (Files.exists(sidecar) && Files.getLastModifiedTime(sidecar).compareTo(Files.getLastModifiedTime(tar)) >= 0) {
        return "sha256:" + Files.readString(sidecar).strip();
      }
      String hex = EngineImages.sha256(tar);
      Files.writeString(sidecar, hex + "\n");
      return "sha256:" + hex;
    } catch (IOException e) {
      throw new BaseImageException("cannot hash " + tar + ": " + e.getMessage(), e);
    }
  }

  /** When the engine did not answer at all, say where Berth looked and how to start one. */
  private static String engineHint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketException || t instanceof ConnectException) {
        String host = System.getenv("DOCKER_HOST");
        return "; no Docker engine answers at "
            + (host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host)
            + " (set DOCKER_HOST, or start one as scripts/test.sh does)";
      }
    }
    return "";
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  @Override
  public void close() throws IOException {
    engine.close();
  }
}
