package dev.berth.runtime.reconcile;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.JvmSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replica's environment: the spec's variables plus, for a JVM app, its memory flags in
 * {@code JAVA_TOOL_OPTIONS} (JVM-SIZING.md §4.6: the one variable that wins over a start script).
 */
public final class ContainerEnvironment {

  /** The variable Berth's JVM flags go in. */
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  private final JvmFlags jvmFlags;

  public ContainerEnvironment(JvmFlags jvmFlags) {
    this.jvmFlags = jvmFlags;
  }

  /** The spec's environment, with JVM flags added when Berth sizes the app's JVM. */
  public Map<String, String> of(AppSpec spec) {
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    List<String> flags = new ArrayList<>();
    JvmSpec jvm = spec.jvm();
    if (jvm.automatic()) {
      flags.addAll(jvmFlags.flags(spec.resources().memoryBytes(), spec.resources().cpuMillis(), jvm));
    }
    flags.addAll(jvm.flags());
    if (!flags.isEmpty()) {
      String own = env.get(JAVA_TOOL_OPTIONS);
      String joined = String.join(" ", flags);
      env.put(JAVA_TOOL_OPTIONS, own == null || own.isBlank() ? joined : own + " " + joined);
    }
    return env;
  }

  /** How a container's memory limit becomes JVM flags; the sizing engine plugs in here. */
  @FunctionalInterface
  public interface JvmFlags {

    /** Flags for a JVM in a container with this limit; empty when the app is not known to be a JVM app. */
    List<String> flags(long memoryLimitBytes, long cpuMillis, JvmSpec jvm);

    /** Until sizing is wired: only the spec's explicit {@code maxHeap}, as {@code -Xmx}. */
    JvmFlags MAX_HEAP_ONLY =
        (limit, cpu, jvm) ->
            jvm.maxHeap() == null
                ? List.of()
                : List.of("-Xmx" + Math.max(1, ByteSize.parse("jvm.maxHeap", jvm.maxHeap()) >> 20) + "m");
  }
}
