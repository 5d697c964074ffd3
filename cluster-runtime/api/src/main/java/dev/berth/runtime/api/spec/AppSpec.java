package dev.berth.runtime.api.spec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The desired state of one application: what image to run, how many replicas, with which resources, ports,
 * environment, config files, health check, update strategy and placement rules. Read from YAML or JSON by
 * {@code ApiJson}; every rule is checked here, so an invalid spec never exists as an object.
 *
 * @param name the app's name, unique in its namespace
 * @param namespace the app's namespace; default {@code default}
 * @param image image reference, e.g. {@code 127.0.0.1:5000/shop:1.4}
 * @param replicas how many replicas to run, 0..1000; default 1
 * @param command entrypoint override; empty keeps the image's
 * @param args arguments override; empty keeps the image's
 * @param resources memory and CPU per replica
 * @param jvm JVM sizing
 * @param ports container ports
 * @param env environment variables
 * @param configFiles files mounted into each container
 * @param health health check, or {@code null} for none (running counts as healthy)
 * @param update the rolling-update strategy
 * @param placement rules on node labels every replica's node must meet
 * @param target where the app runs, {@code berth} (the bundled runtime) or {@code kubernetes}; {@code null} when
 *     the spec does not say, which means {@code berth} unless the deploy names a target
 * @param network isolation and exposure, or {@code null} when the spec does not say (the defaults of
 *     {@link NetworkSpec#defaults()})
 */
public record AppSpec(
    String name,
    String namespace,
    String image,
    Integer replicas,
    List<String> command,
    List<String> args,
    Resources resources,
    JvmSpec jvm,
    List<PortSpec> ports,
    Map<String, String> env,
    List<ConfigFileSpec> configFiles,
    HealthCheckSpec health,
    RolloutSpec update,
    List<PlacementConstraint> placement,
    String target,
    NetworkSpec network) {

  public static final int MAX_REPLICAS = 1000;
  /** The {@link #target()} values. */
  public static final List<String> TARGETS = List.of("berth", "kubernetes");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9][-a-zA-Z0-9_.:/@]*");

  public AppSpec {
    Names.check("name", name);
    namespace = namespace == null ? "default" : namespace;
    Names.check("namespace", namespace);
    if (image == null || !IMAGE.matcher(image).matches()) {
      throw new SpecValidationException("image", image, "an image reference such as registry:5000/app:1.0");
    }
    replicas = replicas == null ? 1 : replicas;
    if (replicas < 0 || replicas > MAX_REPLICAS) {
      throw new SpecValidationException("replicas", replicas, "a whole number from 0 to " + MAX_REPLICAS);
    }
    command = command == null ? List.of() : List.copyOf(command);
    args = args == null ? List.of() : List.copyOf(args);
    resources = resources == null ? Resources.defaults() : resources;
    jvm = jvm == null ? JvmSpec.defaults() : jvm;
    ports = ports == null ? List.of() : List.copyOf(ports);
    Set<String> portNames = new HashSet<>();
    Set<Integer> portNumbers = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      if (!portNames.add(ports.get(i).name())) {
        throw new SpecValidationException("ports[" + i + "].name", ports.get(i).name(), "a name no other port has");
      }
      if (!portNumbers.add(ports.get(i).port())) {
        throw new SpecValidationException("ports[" + i + "].port", ports.get(i).port(), "a port listed once");
      }
    }
    // Keep the user's order so output matches the file.
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!ENV_NAME.matcher(e.getKey()).matches()) {
        throw new SpecValidationException(
            "env." + e.getKey(), e.getKey(), "a variable name of letters, digits and '_', not starting with a digit");
      }
      if (e.getValue() == null) {
        throw new SpecValidationException("env." + e.getKey(), null, "a value (use \"\" for empty)");
      }
    }
    configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < configFiles.size(); i++) {
      if (!paths.add(configFiles.get(i).path())) {
        throw new SpecValidationException(
            "configFiles[" + i + "].path", configFiles.get(i).path(), "a path no other config file has");
      }
    }
    if (health != null) {
      checkProbePort(health, ports);
    }
    update = update == null ? RolloutSpec.defaults() : update;
    placement = placement == null ? List.of() : List.copyOf(placement);
    // Left null when absent, so a spec written without them reads and serializes as before.
    if (target != null) {
      target = target.trim().toLowerCase(java.util.Locale.ROOT);
      if (!TARGETS.contains(target)) {
        throw new SpecValidationException(
            "target", target, "berth (the bundled runtime) or kubernetes; leave it out for berth");
      }
    }
  }

  /** A spec without {@code target} and {@code network}, as written before they existed. */
  public AppSpec(
      String name, String namespace, String image, Integer replicas, List<String> command, List<String> args,
      Resources resources, JvmSpec jvm, List<PortSpec> ports, Map<String, String> env,
      List<ConfigFileSpec> configFiles, HealthCheckSpec health, RolloutSpec update,
      List<PlacementConstraint> placement) {
    this(name, namespace, image, replicas, command, args, resources, jvm, ports, env, configFiles, health, update,
        placement, null, null);
  }

  /** The target the spec names, else {@code berth}. */
  public String targetOrDefault() {
    return target == null ? TARGETS.get(0) : target;
  }

  /** The spec's network block, else the defaults (not isolated, cluster-internal). */
  public NetworkSpec networkOrDefaults() {
    return network == null ? NetworkSpec.defaults() : network;
  }

  private static void checkProbePort(HealthCheckSpec health, List<PortSpec> ports) {
    Integer port = health.http() != null ? health.http().port() : health.tcp() != null ? health.tcp().port() : null;
    String field = health.http() != null ? "health.http.port" : "health.tcp.port";
    boolean network = health.http() != null || health.tcp() != null;
    if (network && port == null && ports.isEmpty()) {
      throw new SpecValidationException(field, null, "a port number, or at least one entry in ports to default to");
    }
  }

  /** The container port a network health check probes: its own, else the app's first port; 0 for commands. */
  public int healthPort() {
    if (health == null) {
      return 0;
    }
    Integer port = health.http() != null ? health.http().port() : health.tcp() != null ? health.tcp().port() : null;
    if (port != null) {
      return port;
    }
    return health.command().isEmpty() ? ports.get(0).port() : 0;
  }

  /** {@code namespace/name}, the app's key. */
  public String key() {
    return namespace + "/" + name;
  }

  /** Returns a copy with another replica count. */
  public AppSpec withReplicas(int count) {
    return new AppSpec(
        name, namespace, image, count, command, args, resources, jvm, ports, env, configFiles, health, update,
        placement, target, network);
  }

  /** Returns a copy with another JVM section. */
  public AppSpec withJvm(JvmSpec newJvm) {
    return new AppSpec(
        name, namespace, image, replicas, command, args, resources, newJvm, ports, env, configFiles, health, update,
        placement, target, network);
  }

  /**
   * Whether this spec runs different containers than {@code other} (a new revision): everything but the replica
   * count, the update strategy, the target and the network block (which change no container).
   */
  public boolean differsInTemplate(AppSpec other) {
    return !containersOnly().equals(other.containersOnly());
  }

  private AppSpec containersOnly() {
    return new AppSpec(
        name, namespace, image, 0, command, args, resources, jvm, ports, env, configFiles, health,
        RolloutSpec.defaults(), placement, null, null);
  }
}
