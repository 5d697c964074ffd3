package dev.berth.runtime.api.spec;

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
    return ByteSize.parse("memory", memory);
  }

  /** The CPU amount in thousandths of a core. */
  public long cpuMillis() {
    return Millicores.parse("cpu", cpu);
  }
}
