package dev.berth.runtime.sizing;

import java.util.List;
import java.util.Map;

/**
 * What a container needs for its JVM: the flags, the environment that carries them, and the budget behind them.
 *
 * @param flags Berth's flags, in order
 * @param env variables to set on the container ({@code JAVA_TOOL_OPTIONS}, maybe {@code _JAVA_OPTIONS},
 *     {@code MALLOC_ARENA_MAX}); merge {@code JAVA_TOOL_OPTIONS} after the image's own value
 * @param budget the breakdown: heap, every term, warnings
 */
public record JvmSettings(List<String> flags, Map<String, String> env, HeapBudget budget) {

  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
  public static final String JAVA_OPTIONS = "_JAVA_OPTIONS";
  public static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

  public JvmSettings {
    flags = List.copyOf(flags);
    env = Map.copyOf(env);
  }
}
