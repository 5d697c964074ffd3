package dev.berth.runtime.deploy;

import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.api.spec.HealthCheckSpec;
import dev.berth.runtime.api.spec.JvmSpec;
import dev.berth.runtime.api.spec.Millicores;
import dev.berth.runtime.api.spec.PortSpec;
import dev.berth.runtime.api.spec.Resources;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.sizing.JvmSizing;
import dev.berth.runtime.sizing.LimitSizer;
import dev.berth.runtime.sizing.SizingFacts;
import dev.berth.runtime.sizing.TooSmallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A first app spec drafted from what detection found (the app's {@link AppFacts}) and a few overrides, so an app
 * can be deployed before anyone writes a spec file. Pure: the same inputs give the same spec.
 *
 * <p>The rules, each written into the spec (and explained in {@link #yaml()}'s header) so users can edit them:
 *
 * <ul>
 *   <li><b>jvm</b>: a JVM app's facts go into {@code jvm.facts} with {@code sizing: auto}, so the runtime sizes the
 *       heap from the spec alone, without reading image labels.
 *   <li><b>memory</b>: the override; else, for a JVM app whose start script set {@code -Xmx}, the limit Berth's
 *       sizing derives from it ({@link LimitSizer}, JVM-SIZING.md §4.4) rounded up to a multiple of
 *       {@value #ROUND_MIB} MiB; else, for other JVM apps, the limit whose heap holds
 *       {@value #JVM_DEFAULT_HEAP_MIB} MiB — as if the app had asked for {@code -Xmx256m}: enough for a small
 *       service's live set with room for the collector, and never below the smallest limit the sizing accepts,
 *       because the non-heap terms (classes, threads) come from the same facts; else a per-stack default:
 *       Node and Python {@value #INTERPRETED_MEMORY} (one interpreter and its modules), Go {@value #GO_MEMORY}
 *       (a static binary without a runtime heap to reserve), static sites {@value #STATIC_MEMORY} (a file
 *       server), anything else the spec default {@value Resources#DEFAULT_MEMORY}. A JVM draft is always checked
 *       with {@link JvmSizing#forContainer}, the call the master makes, so the master never refuses it.
 *   <li><b>cpu</b>: the override; else {@value #JVM_CPU} for JVM apps (a JVM starts its JIT and GC threads at
 *       once: a quarter core makes a legacy app start in minutes), else {@value Resources#DEFAULT_CPU}.
 *   <li><b>port</b>: the detected port, named {@code http}; none when detection found none.
 *   <li><b>health</b>: an HTTP GET on the detected path (e.g. Spring Boot's actuator), else a TCP connect on the
 *       port, else none. JVM apps get an initial delay of {@value #JVM_INITIAL_DELAY} for their start.
 *   <li><b>replicas</b>: the override, else 1; <b>target</b>: the override, else {@code berth}.
 * </ul>
 *
 * @param spec the drafted spec
 * @param notes why each value was chosen, one line each, for the file's header and the logs
 */
public record AppSpecDraft(AppSpec spec, List<String> notes) {

  static final int JVM_DEFAULT_HEAP_MIB = 256;
  static final int ROUND_MIB = 128;
  static final String INTERPRETED_MEMORY = "256Mi";
  static final String GO_MEMORY = "128Mi";
  static final String STATIC_MEMORY = "64Mi";
  static final String JVM_CPU = "500m";
  static final String JVM_INITIAL_DELAY = "10s";
  private static final long MIB = 1L << 20;

  public AppSpecDraft {
    Objects.requireNonNull(spec, "spec");
    notes = List.copyOf(notes);
  }

  /**
   * What the caller may set instead of the draft's choice; {@code null} fields keep the draft's.
   *
   * @param replicas how many replicas, 0..1000
   * @param memory memory per replica, e.g. {@code 512Mi}
   * @param cpu CPU per replica, e.g. {@code 500m}
   * @param target {@code berth} or {@code kubernetes}
   */
  public record Overrides(Integer replicas, String memory, String cpu, String target) {
    public Overrides {
      memory = blankToNull(memory);
      cpu = blankToNull(cpu);
      target = blankToNull(target);
    }

    /** No overrides: every value is the draft's. */
    public static Overrides none() {
      return new Overrides(null, null, null, null);
    }
  }

  /**
   * Drafts the spec of app {@code name}.
   *
   * @param facts what detection found; {@link AppFacts#none()} when nothing is known
   * @throws IllegalArgumentException naming the override (or fact) and the fix when a value is not valid, or when
   *     the memory override is too small for the JVM app (with the smallest limit that works)
   */
  public static AppSpecDraft draft(
      String name, String namespace, String image, AppFacts facts, Overrides overrides) {
    AppFacts f = facts == null ? AppFacts.none() : facts;
    Overrides o = overrides == null ? Overrides.none() : overrides;
    List<String> notes = new ArrayList<>();
    String cpu = o.cpu() != null ? checkedCpu(o.cpu()) : f.isJvm() ? JVM_CPU : Resources.DEFAULT_CPU;
    String memory = memory(f, o, Millicores.parse("cpu", cpu), notes);
    notes.add("cpu " + cpu + ": " + (o.cpu() != null ? "as asked"
        : f.isJvm() ? "half a core, so the JVM's JIT and GC threads start the app in seconds" : "the spec default"));
    List<PortSpec> ports = f.port() == null ? List.of() : List.of(new PortSpec("http", f.port(), "tcp"));
    notes.add(f.port() == null ? "no ports: detection found none the app listens on"
        : "port " + f.port() + ": detected");
    HealthCheckSpec health = health(f, notes);
    JvmSpec jvm = f.isJvm() ? new JvmSpec("auto", null, List.of(), f) : JvmSpec.defaults();
    if (f.isJvm()) {
      notes.add("jvm.facts: detected; with sizing auto the runtime sizes the heap from them and the memory limit");
    }
    String target = o.target() == null ? AppSpec.TARGETS.get(0) : o.target();
    try {
      AppSpec spec = new AppSpec(name, namespace, image, o.replicas() == null ? 1 : o.replicas(), List.of(),
          List.of(), new Resources(memory, cpu), jvm, ports, Map.of(), List.of(), health, null, List.of(), target,
          null);
      return new AppSpecDraft(spec, notes);
    } catch (SpecValidationException e) {
      throw new IllegalArgumentException("cannot draft the spec of '" + name + "': " + e.getMessage(), e);
    }
  }

  /** The memory limit and why, checked against the sizing for JVM apps. */
  private static String memory(AppFacts f, Overrides o, long cpuMillis, List<String> notes) {
    if (!f.isJvm()) {
      String memory = o.memory() != null ? checkedMemory(o.memory()) : stackMemory(f.stack());
      notes.add("memory " + memory + ": " + (o.memory() != null ? "as asked"
          : "the default for " + (f.stack() == null ? "an app of unknown stack" : f.stack())));
      return memory;
    }
    SizingFacts sizing;
    try {
      sizing = SizingFacts.from(f, cpuMillis);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("jvm.facts: " + e.getMessage() + "; fix the detected facts or the"
          + " start script's -Xmx", e);
    }
    String memory;
    String why;
    if (o.memory() != null) {
      memory = checkedMemory(o.memory());
      why = "as asked";
    } else if (sizing.legacyXmxBytes() > 0) {
      memory = mebibytes(roundUp(LimitSizer.limitFor(sizing.legacyXmxBytes(), sizing).limitBytes()));
      why = "what Berth's JVM sizing derives from the start script's own -Xmx" + f.legacyXmx() + " (the smallest"
          + " limit holding it and the JVM's other memory), rounded up to a multiple of " + ROUND_MIB + "Mi";
    } else {
      memory = mebibytes(roundUp(LimitSizer.limitFor(JVM_DEFAULT_HEAP_MIB * MIB, sizing).limitBytes()));
      why = "no -Xmx in the start script: the smallest limit leaving a " + JVM_DEFAULT_HEAP_MIB + "Mi heap after"
          + " the JVM's other memory, rounded up to a multiple of " + ROUND_MIB + "Mi";
    }
    try {
      // The master sizes every JVM replica this way at apply time; a draft it would refuse is no draft.
      JvmSizing.forContainer(ByteSize.parse("memory", memory), cpuMillis, f);
    } catch (TooSmallException e) {
      if (o.memory() != null) {
        throw new IllegalArgumentException("memory " + o.memory() + " is too small for this JVM app: the smallest"
            + " limit that works is " + mebibytes(e.smallestLimitBytes()) + "; pass at least that, or leave memory"
            + " out for Berth's choice", e);
      }
      memory = mebibytes(roundUp(e.smallestLimitBytes()));
      why = "the smallest limit Berth's JVM sizing accepts for these facts";
    }
    notes.add("memory " + memory + ": " + why);
    return memory;
  }

  private static String stackMemory(String stack) {
    if (stack == null) {
      return Resources.DEFAULT_MEMORY;
    }
    return switch (stack) {
      case "node", "python" -> INTERPRETED_MEMORY;
      case "go" -> GO_MEMORY;
      case "static" -> STATIC_MEMORY;
      default -> Resources.DEFAULT_MEMORY;
    };
  }

  /** Health from the facts' {@code http:<port><path>} or {@code tcp:<port>}, else TCP on the port, else none. */
  private static HealthCheckSpec health(AppFacts f, List<String> notes) {
    String delay = f.isJvm() ? JVM_INITIAL_DELAY : null;
    String fact = f.health() == null ? "" : f.health().trim();
    if (fact.startsWith("http:")) {
      String rest = fact.substring("http:".length());
      int slash = rest.indexOf('/');
      Integer port = slash < 0 ? f.port() : portOrNull(rest.substring(0, slash), f.port());
      String path = slash < 0 ? "/" : rest.substring(slash);
      if (port != null) {
        notes.add("health: HTTP GET " + path + " on port " + port + " (detected)" + delayNote(delay));
        return new HealthCheckSpec(new HealthCheckSpec.HttpCheck(path, port), null, null, delay, null, null, null);
      }
    }
    Integer tcpPort = fact.startsWith("tcp:") ? portOrNull(fact.substring("tcp:".length()), f.port()) : f.port();
    if (tcpPort != null) {
      notes.add("health: TCP connect on port " + tcpPort + " (no HTTP health endpoint detected)" + delayNote(delay));
      return new HealthCheckSpec(null, new HealthCheckSpec.TcpCheck(tcpPort), null, delay, null, null, null);
    }
    notes.add("health: none, as there is no port to check; the replica counts as healthy while it runs");
    return null;
  }

  private static String delayNote(String delay) {
    return delay == null ? "" : ", first check after " + delay + " while the JVM starts";
  }

  private static Integer portOrNull(String text, Integer fallback) {
    try {
      int port = Integer.parseInt(text.trim());
      return port >= 1 && port <= 65535 ? port : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String checkedMemory(String memory) {
    try {
      ByteSize.parse("memory", memory);
      return memory.trim();
    } catch (SpecValidationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String checkedCpu(String cpu) {
    try {
      Millicores.parse("cpu", cpu);
      return cpu.trim();
    } catch (SpecValidationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static long roundUp(long bytes) {
    long step = ROUND_MIB * MIB;
    return Math.floorDiv(bytes + step - 1, step) * step;
  }

  private static String mebibytes(long bytes) {
    return Math.floorDiv(bytes + MIB - 1, MIB) + "Mi";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * The spec as YAML {@code berth apply -f} reads, every chosen value written out (empty lists and maps left
   * out), under a comment header saying why each value was chosen.
   */
  public String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# App spec drafted by Berth from detection. Edit it and commit it; deploys then use this file.\n");
    for (String note : notes) {
      out.append("#   ").append(note).append('\n');
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = ApiJson.read(ApiJson.toJson(spec), LinkedHashMap.class);
    out.append(ApiJson.toYaml(withoutEmpty(tree)));
    return out.toString();
  }

  /** One line of the key facts: image, replicas, memory, cpu, port, health. */
  public String summary() {
    String health = spec.health() == null ? "none"
        : spec.health().http() != null ? "http " + spec.health().http().path() + " on " + spec.healthPort()
        : "tcp " + spec.healthPort();
    return spec.key() + ": image " + spec.image() + ", " + spec.replicas() + " replica"
        + (spec.replicas() == 1 ? "" : "s") + ", memory " + spec.resources().memory() + ", cpu "
        + spec.resources().cpu() + ", port " + (spec.ports().isEmpty() ? "none" : spec.ports().get(0).port())
        + ", health " + health
        + (spec.jvm().facts() != null && spec.jvm().facts().legacyXmx() != null
            ? ", for -Xmx" + spec.jvm().facts().legacyXmx() : "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutEmpty(Map<String, Object> map) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map<?, ?> m) {
        value = withoutEmpty((Map<String, Object>) m);
      }
      boolean empty = value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
      if (value != null && !empty) {
        kept.put(e.getKey(), value);
      }
    }
    return kept;
  }
}
