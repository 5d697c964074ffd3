package dev.berth.runtime.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One replica a node must run, exactly as the master wants it. The agent converges to it: a container for
 * {@code replicaId} whose {@code revision} or {@code attempt} differ from these is replaced by a new one.
 *
 * <p>The agent never restarts a replica on its own: when a container exits (or its health check fails) the agent
 * reports it and leaves it stopped; the master decides, with crash-loop backoff, when to restart it and says so
 * by raising {@code attempt}.
 *
 * @param replicaId cluster-wide unique replica id, e.g. {@code default.web-7f3a2c}
 * @param namespace the app's namespace
 * @param app the app's name
 * @param revision the app spec's revision this replica runs (a new revision is a rollout)
 * @param attempt start attempt, 0 for the first start; raised by the master for each restart
 * @param image image reference, e.g. {@code 127.0.0.1:5000/web:1}
 * @param command entrypoint override, empty to keep the image's
 * @param args arguments override, empty to keep the image's
 * @param env environment, including JVM flags (e.g. {@code JAVA_TOOL_OPTIONS}) when the master could size the
 *     JVM; with {@code jvmSizing}, what the replica runs with when its image's labels do not describe a JVM app
 * @param memoryLimitBytes hard memory limit (swap is set to the same), 0 for none
 * @param cpuMillis CPU limit in thousandths of a core, 0 for none
 * @param ports container ports to publish on host ports the agent picks
 * @param configFiles files to mount read-only into the container: absolute path → content
 * @param health how to probe the replica, or {@code null} for no check (running counts as healthy)
 * @param labels extra container labels (the agent adds its own {@code berth.*} labels)
 * @param jvmSizing set when the node must size the JVM from the image's labels, {@code null} when {@code env} is
 *     final
 */
public record ReplicaAssignment(
    String replicaId,
    String namespace,
    String app,
    long revision,
    int attempt,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    long memoryLimitBytes,
    long cpuMillis,
    List<ContainerPort> ports,
    Map<String, String> configFiles,
    HealthProbe health,
    Map<String, String> labels,
    NodeJvmSizing jvmSizing) {

  /** A replica whose environment is final (nothing for the node to size). */
  public ReplicaAssignment(
      String replicaId, String namespace, String app, long revision, int attempt, String image,
      List<String> command, List<String> args, Map<String, String> env, long memoryLimitBytes, long cpuMillis,
      List<ContainerPort> ports, Map<String, String> configFiles, HealthProbe health, Map<String, String> labels) {
    this(replicaId, namespace, app, revision, attempt, image, command, args, env, memoryLimitBytes, cpuMillis, ports,
        configFiles, health, labels, null);
  }

  public ReplicaAssignment {
    Objects.requireNonNull(replicaId, "replicaId");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(image, "image");
    namespace = namespace == null ? "default" : namespace;
    command = command == null ? List.of() : List.copyOf(command);
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(env);
    ports = ports == null ? List.of() : List.copyOf(ports);
    configFiles = configFiles == null ? Map.of() : Map.copyOf(configFiles);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    if (attempt < 0 || memoryLimitBytes < 0 || cpuMillis < 0) {
      throw new IllegalArgumentException("replica " + replicaId + " has a negative attempt or limit");
    }
  }
}
