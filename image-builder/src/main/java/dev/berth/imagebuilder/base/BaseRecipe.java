package dev.berth.imagebuilder.base;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** How one offline base is made: its hashed inputs, its root filesystem tar and image config, and a smoke test. */
interface BaseRecipe {

  /**
   * Bumped whenever a recipe's code changes what it produces, so images built by older code are rebuilt. It is
   * part of every recipe's hashed inputs.
   */
  String RECIPES_VERSION = "1";

  /**
   * Everything the image depends on (kind, recipe version, JDK build, modules, packages, Tomcat version …). Must be
   * cheap: it is computed on every {@code ensure}, even when the image exists.
   */
  Map<String, String> inputs() throws BaseImageException;

  /**
   * The root filesystem tar and its config; reuses a tar already in {@code workspace.dir()} (same inputs, same
   * folder), so a warm machine only imports.
   */
  RootFs rootFs(Workspace workspace) throws BaseImageException;

  /** A command run in the finished image, as uid 10001, before it is tagged. */
  List<String> smokeCommand();

  /**
   * A folder for one recipe hash under {@code $BERTH_STATE/base-images}, and a sink for progress lines.
   *
   * @param dir where the recipe keeps its tar and work files
   * @param state the state folder, for caches shared between recipes (downloads, apt archives)
   * @param progress receives one short line per step
   */
  record Workspace(Path dir, Path state, Consumer<String> progress) {}

  /**
   * A finished root filesystem.
   *
   * @param tar the tar to import
   * @param config env, workdir, command and labels (including the runtime version) to apply on import
   */
  record RootFs(Path tar, ImageConfig config) {}
}
