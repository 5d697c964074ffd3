package dev.berth.runtime.sizing;

import dev.berth.runtime.api.facts.AppFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Berth's JVM sizing in one call: a container's limit and the app's facts become flags and environment. */
public final class JvmSizing {

  /** glibc's arena count Berth sets: 2 instead of up to 8 per host core (§4.7); musl ignores it. */
  static final String ARENAS = "2";

  private JvmSizing() {}

  /**
   * Settings for a JVM in a container with this limit and no CPU limit (2 CPUs assumed). Images Berth built
   * (they carry {@code dev.berth.stack}) get {@link Injection#TOOL_OPTIONS}; others
   * {@link Injection#OVERRIDE_COMMAND_LINE}, since their command line may carry its own {@code -Xmx}.
   *
   * @throws TooSmallException when the limit leaves less than the minimum heap
   */
  public static JvmSettings forContainer(long limitBytes, AppFacts facts) throws TooSmallException {
    return forContainer(limitBytes, 0, facts);
  }

  /** As {@link #forContainer(long, AppFacts)}, with the container's CPU limit in millicores (0 = none). */
  public static JvmSettings forContainer(long limitBytes, long cpuMillis, AppFacts facts) throws TooSmallException {
    AppFacts f = facts == null ? AppFacts.none() : facts;
    Injection injection = f.stack() != null ? Injection.TOOL_OPTIONS : Injection.OVERRIDE_COMMAND_LINE;
    return settings(limitBytes, SizingFacts.from(f, cpuMillis), injection);
  }

  /** Settings for resolved facts and an explicit injection. */
  public static JvmSettings settings(long limitBytes, SizingFacts facts, Injection injection)
      throws TooSmallException {
    HeapBudget budget = HeapSizer.size(limitBytes, facts);
    return render(budget, facts, injection);
  }

  /** Settings for a budget already computed (e.g. by {@link LimitSizer}). */
  public static JvmSettings render(HeapBudget budget, SizingFacts facts, Injection injection) {
    List<String> flags = JvmFlagRules.flags(budget, facts);
    List<String> tool = new ArrayList<>();
    List<String> override = new ArrayList<>();
    for (String flag : flags) {
      boolean late = injection == Injection.OVERRIDE_COMMAND_LINE && JvmFlagRules.sizesMemory(flag);
      (late ? override : tool).add(flag);
    }
    Map<String, String> env = new LinkedHashMap<>();
    if (!tool.isEmpty()) {
      env.put(JvmSettings.JAVA_TOOL_OPTIONS, String.join(" ", tool));
    }
    if (!override.isEmpty()) {
      env.put(JvmSettings.JAVA_OPTIONS, String.join(" ", override));
    }
    env.put(JvmSettings.MALLOC_ARENA_MAX, ARENAS);
    return new JvmSettings(flags, env, budget);
  }
}
