package dev.berth.runtime.sizing;

import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.JvmSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.sizing.JvmSettings;
import dev.berth.runtime.sizing.JvmSizing;
import dev.berth.runtime.sizing.TooSmallException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replica's environment: the spec's variables plus, for a JVM app with {@code jvm.sizing: auto}, the flags
 * Berth's sizing derives from the memory limit and the app's facts (JVM-SIZING.md §4.6: {@code JAVA_TOOL_OPTIONS},
 * {@code _JAVA_OPTIONS} where a command line may carry its own -Xmx, {@code MALLOC_ARENA_MAX}). The spec's
 * {@code maxHeap} and {@code flags} come last, so they win.
 */
public final class ContainerEnvironment {

  /** The variable Berth's JVM flags go in. */
  public static final String JAVA_TOOL_OPTIONS = JvmSettings.JAVA_TOOL_OPTIONS;

  private final Sizing sizing;

  public ContainerEnvironment(Sizing sizing) {
    this.sizing = sizing;
  }

  /** With Berth's JVM sizing. */
  public static ContainerEnvironment sized() {
    return new ContainerEnvironment(JvmSizing::forContainer);
  }

  /**
   * The spec's environment with JVM settings added.
   *
   * @throws SpecValidationException naming {@code resources.memory} when the limit is too small for the JVM
   */
  public Map<String, String> of(AppSpec spec) {
    return of(spec.env(), spec.jvm(), spec.resources().memoryBytes(), spec.resources().cpuMillis(),
        spec.resources().memory());
  }

  /**
   * The same rules for a replica known by its parts: a node that read the app's facts from its image's labels
   * passes them in {@code jvm} (RUNTIME-BOUNDARY.md, "JVM sizing on the node").
   *
   * @param env the spec's own variables, before any JVM settings
   * @param jvm the spec's JVM block, with the facts to size by
   * @throws SpecValidationException naming {@code resources.memory} when the limit is too small for the JVM
   */
  public Map<String, String> of(Map<String, String> env, JvmSpec jvm, long memoryBytes, long cpuMillis) {
    return of(env, jvm, memoryBytes, cpuMillis, ByteSize.format(memoryBytes));
  }

  private Map<String, String> of(
      Map<String, String> specEnv, JvmSpec jvm, long memoryBytes, long cpuMillis, String memoryAsWritten) {
    Map<String, String> env = new LinkedHashMap<>(specEnv);
    AppFacts facts = jvm.facts();
    boolean javaApp = facts != null && facts.isJvm();
    String heapVariable = JAVA_TOOL_OPTIONS;
    if (jvm.automatic() && javaApp) {
      JvmSettings settings;
      try {
        settings = sizing.settings(memoryBytes, cpuMillis, facts);
      } catch (TooSmallException e) {
        throw new SpecValidationException(
            "resources.memory", memoryAsWritten,
            "at least " + ByteSize.format(e.smallestLimitBytes()) + " for this JVM app (or set jvm.sizing: off): "
                + e.getMessage());
      } catch (IllegalArgumentException e) {
        // Facts the sizing cannot use (e.g. an unknown JDK): say so at apply time rather than at every start.
        throw new SpecValidationException(
            "jvm.facts", facts.jdkVersion() == null ? facts.jdkRuntime() : facts.jdkVersion(),
            "facts Berth's JVM sizing can use (" + e.getMessage() + "), or jvm.sizing: off");
      }
      for (Map.Entry<String, String> e : settings.env().entrySet()) {
        append(env, e.getKey(), e.getValue());
      }
      if (settings.env().containsKey(JvmSettings.JAVA_OPTIONS)) {
        heapVariable = JvmSettings.JAVA_OPTIONS;
      }
    }
    if (jvm.maxHeap() != null) {
      append(env, heapVariable, "-Xmx" + Math.max(1, ByteSize.parse("jvm.maxHeap", jvm.maxHeap()) >> 20) + "m");
    }
    if (!jvm.flags().isEmpty()) {
      append(env, JAVA_TOOL_OPTIONS, String.join(" ", jvm.flags()));
    }
    return env;
  }

  /**
   * Whether {@code spec} asks for JVM sizing but carries no facts that say it is a JVM app, so only its image's
   * labels can tell (read where the image is: by {@code berth apply} next to an engine, or by the node).
   */
  public static boolean needsImageFacts(AppSpec spec) {
    AppFacts facts = spec.jvm().facts();
    return spec.jvm().automatic() && (facts == null || !facts.isJvm());
  }

  private static void append(Map<String, String> env, String key, String value) {
    String own = env.get(key);
    if (own == null || own.isBlank()) {
      env.put(key, value);
    } else if (!key.equals(JvmSettings.MALLOC_ARENA_MAX)) {
      // The user's own options stay first; Berth's flags come after (for the JVM the last occurrence wins).
      env.put(key, own + " " + value);
    }
  }

  /** How a container's limit and an app's facts become JVM settings; Berth's sizing in production. */
  @FunctionalInterface
  public interface Sizing {
    JvmSettings settings(long memoryLimitBytes, long cpuMillis, AppFacts facts) throws TooSmallException;
  }
}
