package dev.berth.runtime.api.spec;

import dev.berth.runtime.api.facts.AppFacts;
import java.util.List;

/**
 * How Berth sizes a JVM replica. By default ({@code sizing: auto}) the heap and the other memory areas are sized
 * from the container's memory limit and the app facts read from the image's labels; {@code maxHeap} and
 * {@code flags} override.
 *
 * @param sizing {@code auto} (size the JVM when the app is a JVM app) or {@code off} (leave its flags alone)
 * @param maxHeap explicit maximum heap, e.g. {@code 192m}; replaces the computed one
 * @param flags extra JVM flags, appended after Berth's own
 * @param facts app facts that override the image's labels (normally filled from the labels by {@code berth
 *     apply}); {@code null} when unknown
 */
public record JvmSpec(String sizing, String maxHeap, List<String> flags, AppFacts facts) {

  public JvmSpec {
    sizing = sizing == null ? "auto" : sizing.trim();
    if (!sizing.equals("auto") && !sizing.equals("off")) {
      throw new SpecValidationException("sizing", sizing, "auto or off");
    }
    if (maxHeap != null) {
      ByteSize.parse("maxHeap", maxHeap);
    }
    flags = flags == null ? List.of() : List.copyOf(flags);
    for (int i = 0; i < flags.size(); i++) {
      String flag = flags.get(i);
      if (flag == null || !flag.startsWith("-") || flag.contains(" ")) {
        throw new SpecValidationException("flags[" + i + "]", flag, "one JVM flag per item, starting with '-'");
      }
    }
  }

  /** Defaults: automatic sizing, no overrides. */
  public static JvmSpec defaults() {
    return new JvmSpec(null, null, null, null);
  }

  /** Whether Berth sizes the JVM. */
  public boolean automatic() {
    return sizing.equals("auto");
  }

  /** Returns a copy with these facts (used when the image's labels are read). */
  public JvmSpec withFacts(AppFacts newFacts) {
    return new JvmSpec(sizing, maxHeap, flags, newFacts);
  }
}
