package dev.berth.runtime.api.spec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * What one replica asks for and is limited to (requests equal limits): the scheduler places by these, and the
 * container gets them as hard limits.
 *
 * @param memory memory amount, e.g. {@code 256Mi}; default {@value #DEFAULT_MEMORY}
 * @param cpu CPU amount, e.g. {@code 500m}; default {@value #DEFAULT_CPU}
 */
public record Resources(String memory, String cpu) {

  public static final String DEFAULT_MEMORY = "256Mi";
  public static final String DEFAULT_CPU = "250m";

  public Resources {
    memory = memory == null ? DEFAULT_MEMORY : memory.trim();
    cpu = cpu == null ? DEFAULT_CPU : cpu.trim();
    ByteSize.parse("memory", memory);
    Millicores.parse("cpu", cpu);
  }

  /** Defaults: {@value #DEFAULT_MEMORY}, {@value #DEFAULT_CPU}. */
  public static Resources defaults() {
    return new Resources(null, null);
  }

  /** The memory amount in bytes. */
  public long memoryBytes() {
    return parsed(MEMORY_BYTES, memory, text -> ByteSize.parse("memory", text));
  }

  /** The CPU amount in thousandths of a core. */
  public long cpuMillis() {
    return parsed(CPU_MILLIS, cpu, text -> Millicores.parse("cpu", text));
  }

  // Specs repeat a handful of amounts, and the master asks for them for every replica it places: parsed once each.
  private static final int PARSED_KEPT = 4096;
  private static final Map<String, Long> MEMORY_BYTES = new ConcurrentHashMap<>();
  private static final Map<String, Long> CPU_MILLIS = new ConcurrentHashMap<>();

  private static long parsed(Map<String, Long> cache, String text, ToLongFunction<String> parse) {
    Long known = cache.get(text);
    if (known != null) {
      return known;
    }
    long value = parse.applyAsLong(text);
    if (cache.size() < PARSED_KEPT) {
      cache.put(text, value);
    }
    return value;
  }
}
