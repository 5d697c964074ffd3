package dev.berth.runtime.agent.container;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container to create and start.
 *
 * @param name the container's name
 * @param image image reference
 * @param entrypoint entrypoint override, empty to keep the image's
 * @param args command override, empty to keep the image's (unless the entrypoint is overridden)
 * @param env environment as {@code KEY=value}
 * @param labels container labels
 * @param memoryLimitBytes memory limit, swap set to the same; 0 for none
 * @param cpuMillis CPU limit in thousandths of a core; 0 for none
 * @param tcpPorts container ports to publish on host ports the engine picks (udp ports as {@code -port})
 * @param binds read-only bind mounts: host path → container path
 * @param writableBinds read-write bind mounts: host path → container path (a build job's workspace and the
 *     engine's socket)
 * @param user the user to run as ({@code uid[:gid]}), or empty for the image's
 */
public record ContainerRequest(
    String name,
    String image,
    List<String> entrypoint,
    List<String> args,
    List<String> env,
    Map<String, String> labels,
    long memoryLimitBytes,
    long cpuMillis,
    List<Integer> tcpPorts,
    Map<String, String> binds,
    Map<String, String> writableBinds,
    String user) {

  /** A container with read-only binds only, run as the image's user. */
  public ContainerRequest(
      String name, String image, List<String> entrypoint, List<String> args, List<String> env,
      Map<String, String> labels, long memoryLimitBytes, long cpuMillis, List<Integer> tcpPorts,
      Map<String, String> binds) {
    this(name, image, entrypoint, args, env, labels, memoryLimitBytes, cpuMillis, tcpPorts, binds, Map.of(), "");
  }

  public ContainerRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    entrypoint = List.copyOf(entrypoint);
    args = List.copyOf(args);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    tcpPorts = List.copyOf(tcpPorts);
    binds = Map.copyOf(binds);
    writableBinds = writableBinds == null ? Map.of() : Map.copyOf(writableBinds);
    user = user == null ? "" : user;
  }
}
