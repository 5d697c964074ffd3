package dev.berth.imagebuilder.api;

import java.util.List;
import java.util.Map;

/**
 * The detect report, schema {@code berth.detect/v1} (DETECTION.md §2.9): what detection decided, with evidence.
 * Machines read it (the Jenkins step, the Dockerfile renderer, checks), so field names are a contract. No
 * timestamps or absolute paths: paths are relative to the detected input, so the report is golden-testable.
 */
public record DetectReport(
    String schema,
    String berthVersion,
    Outcome outcome,
    int exitCode,
    Confidence confidence,
    String stack,
    String subtype,
    Artifact artifact,
    Map<String, Decision> decisions,
    Jdk jdk,
    Start start,
    Server server,
    Integer port,
    String health,
    List<Agent> agents,
    Flags flags,
    List<String> writableDirs,
    List<Layer> layers,
    Map<String, String> labels,
    List<Candidate> candidates,
    List<NearMiss> nearMisses,
    List<Warning> warnings,
    List<Override> overrides,
    Problem error) {

  public static final String SCHEMA = "berth.detect/v1";

  /** The stack ids a report may name. */
  public static final List<String> STACKS =
      List.of("jvm-jar", "jvm-boot", "jvm-war", "jvm-dist", "node", "python", "go", "static");

  public DetectReport {
    // Insertion order kept: the report is golden-tested and read by people.
    decisions = decisions == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(decisions));
    agents = agents == null ? List.of() : List.copyOf(agents);
    writableDirs = writableDirs == null ? List.of() : List.copyOf(writableDirs);
    layers = layers == null ? List.of() : List.copyOf(layers);
    labels = labels == null ? Map.of() : labels;
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
    nearMisses = nearMisses == null ? List.of() : List.copyOf(nearMisses);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    if (stack != null && !STACKS.contains(stack)) {
      throw new IllegalArgumentException("stack '" + stack + "' is not one of " + STACKS);
    }
  }

  /** The exit codes of DETECTION.md §2.8, in the order of their codes. */
  public enum Outcome {
    OK(0),
    INTERNAL(1),
    USAGE(2),
    UNKNOWN_STACK(3),
    AMBIGUOUS(4),
    UNSUPPORTED(5),
    INVALID_OVERRIDE(6),
    LOW_CONFIDENCE(7),
    INCOMPLETE_INPUT(8);

    private final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** Confidence levels; the overall level is the lowest of the decisions' levels. */
  public enum Confidence {
    LOW,
    MEDIUM,
    HIGH
  }

  /** The chosen artifact. {@code kind}: boot-jar, boot-war, exec-jar/shaded, thin, libdir, war, dist-dir, … */
  public record Artifact(String path, String kind, String sha256, List<String> excluded) {
    public Artifact {
      excluded = excluded == null ? List.of() : List.copyOf(excluded);
    }
  }

  /** One decision (stack, artifact, jdk, start, server, port, health) with its evidence. */
  public record Decision(String value, Confidence confidence, List<Evidence> evidence) {
    public Decision {
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }

  /** Why a decision was made: the rule, the file it looked at, and what it saw there. */
  public record Evidence(String rule, String path, String detail) {}

  /** JDK levels as feature releases (8, 11, 17 …), with the build-file hints that cross-checked them. */
  public record Jdk(
      Integer floor,
      Integer appFloor,
      Integer libraryFloor,
      Integer runtime,
      String policy,
      String buildJdk,
      List<Hint> hints) {
    public Jdk {
      hints = hints == null ? List.of() : List.copyOf(hints);
    }
  }

  /** A JDK hint from a build or manifest file, and whether it agrees with the bytecode floor. */
  public record Hint(String source, String value, boolean agrees) {}

  /**
   * How the app starts in the image: exec-form entrypoint, working directory, the start script it came from
   * (path and the lines that mattered), and what was removed from it (nohup, &amp;, redirects, pid files …).
   */
  public record Start(List<String> entrypoint, String workdir, Script script, List<String> removed) {
    public Start {
      entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
      removed = removed == null ? List.of() : List.copyOf(removed);
    }
  }

  /** A start script and the lines that were read from it. */
  public record Script(String path, List<String> lines) {
    public Script {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  /** The servlet container a WAR needs: kind tomcat, line 9.0 / 10.1 / 11.0, namespace javax / jakarta. */
  public record Server(
      String kind, String line, String namespace, String servletVersion, String contextPath) {}

  /** A javaagent the app starts with. */
  public record Agent(String path, String premainClass, String knownAs, String options) {}

  /** JVM flags from the start script: kept, translated, dropped, and memory flags moved to labels. */
  public record Flags(
      List<String> kept, List<Translation> translated, List<Dropped> dropped, List<String> memory) {
    public Flags {
      kept = kept == null ? List.of() : List.copyOf(kept);
      translated = translated == null ? List.of() : List.copyOf(translated);
      dropped = dropped == null ? List.of() : List.copyOf(dropped);
      memory = memory == null ? List.of() : List.copyOf(memory);
    }

    public static Flags none() {
      return new Flags(List.of(), List.of(), List.of(), List.of());
    }
  }

  /** A legacy flag replaced by its modern equivalent. */
  public record Translation(String from, String to) {}

  /** A flag left out, and why. */
  public record Dropped(String flag, String reason) {}

  /**
   * One image layer, in build order: a name (dependencies, snapshot-dependencies, resources, application …), the
   * files it takes from the input (paths relative to it; a directory means its whole tree), and where they go in
   * the image.
   */
  public record Layer(String name, List<String> sources, String target) {
    public Layer {
      sources = sources == null ? List.of() : List.copyOf(sources);
    }
  }

  /** A candidate that competed for a decision (exits 3, 4, 7). */
  public record Candidate(String path, String kind, List<String> evidence) {
    public Candidate {
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }

  /** Something that almost matched a rule, and why it did not. */
  public record NearMiss(String rule, String path, String why) {}

  /** A warning with a stable code (e.g. LOGS_NOT_ON_STDOUT), a message, and where it was seen. */
  public record Warning(String code, String message, String path, Integer line) {}

  /** An override from berth.yaml, the pipeline step or the CLI, and whether it was accepted. */
  public record Override(String key, String value, String source, boolean accepted, String reason) {}

  /**
   * Why detection did not succeed, in the shape of the error text (DETECTION.md §2.9): headline, what was looked
   * for, what was found, and the exact override that fixes it.
   */
  public record Problem(String headline, String lookedFor, List<String> found, String fix) {
    public Problem {
      found = found == null ? List.of() : List.copyOf(found);
    }
  }
}
