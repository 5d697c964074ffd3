package dev.berth.imagebuilder.base;

import dev.berth.runtime.api.facts.FactLabels;

/**
 * Label keys of offline bases. The JDK keys are {@link FactLabels}' own, so the JVM-sizing code reads the same
 * {@code dev.berth.jdk.version} whether it comes from a base or an app image.
 */
public final class BaseImageLabels {

  /** SHA-256 of the recipe inputs; a base is rebuilt only when no image carries its current hash. */
  public static final String RECIPE_HASH = "dev.berth.base.recipe";

  /** The catalog id the image was built for, e.g. {@code jre-17}. */
  public static final String CATALOG_ID = "dev.berth.base.catalog-id";

  /** Full version of the base's main runtime: JDK, Node, Python, Go or busybox (e.g. {@code 17.0.15}). */
  public static final String RUNTIME_VERSION = "dev.berth.base.runtime-version";

  /** Full JDK version of a JVM base (e.g. {@code 17.0.15}). */
  public static final String JDK_VERSION = FactLabels.JDK_VERSION;

  /** Java feature release of a JVM base (e.g. {@code 17}). */
  public static final String JDK_RUNTIME = FactLabels.JDK_RUNTIME;

  /** Full Tomcat version of a WAR base (e.g. {@code 9.0.98}). */
  public static final String TOMCAT_VERSION = "dev.berth.tomcat.version";

  private BaseImageLabels() {}
}
