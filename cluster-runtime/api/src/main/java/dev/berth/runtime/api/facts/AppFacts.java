package dev.berth.runtime.api.facts;

import java.util.List;
import java.util.Objects;

/**
 * What Berth knows about an application inside an image: written by the image builder as labels, read by the
 * runtime to size the JVM and wire health checks. Absent facts are {@code null} (or empty lists), never guessed
 * here.
 *
 * @param stack detected stack id, e.g. {@code jvm-dist}
 * @param jdkFloor lowest Java feature release the bytecode needs
 * @param jdkRuntime Java feature release of the image's runtime
 * @param jdkVersion full runtime version read from the base image, e.g. {@code 17.0.15} or {@code 1.8.0_372}
 * @param loadedClasses estimated number of classes the JVM loads (app + libraries + agents)
 * @param threads expected peak thread count
 * @param javaagents short names or paths of the javaagents the app starts with
 * @param legacyXmx the -Xmx the app's own start script used, e.g. {@code 1024m}
 * @param port the port the app listens on
 * @param health health check, {@code http:<port><path>}, {@code tcp:<port>} or {@code cmd:<command>}
 * @param writableDirs directories the app writes to, absolute inside the image
 */
public record AppFacts(
    String stack,
    Integer jdkFloor,
    Integer jdkRuntime,
    String jdkVersion,
    Integer loadedClasses,
    Integer threads,
    List<String> javaagents,
    String legacyXmx,
    Integer port,
    String health,
    List<String> writableDirs) {

  public AppFacts {
    javaagents = javaagents == null ? List.of() : List.copyOf(javaagents);
    writableDirs = writableDirs == null ? List.of() : List.copyOf(writableDirs);
    if (port != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port " + port + " is outside 1..65535");
    }
  }

  /** Facts with nothing known. */
  public static AppFacts none() {
    return new AppFacts(null, null, null, null, null, null, List.of(), null, null, null, List.of());
  }

  /** Whether the app runs on a JVM, so JVM sizing applies. */
  public boolean isJvm() {
    return stack != null && stack.startsWith("jvm-") || jdkRuntime != null;
  }

  /** Returns a copy with the runtime's full version, as read from a base image. */
  public AppFacts withJdkVersion(String version) {
    Objects.requireNonNull(version, "version");
    return new AppFacts(
        stack, jdkFloor, jdkRuntime, version, loadedClasses, threads, javaagents, legacyXmx, port, health,
        writableDirs);
  }
}
