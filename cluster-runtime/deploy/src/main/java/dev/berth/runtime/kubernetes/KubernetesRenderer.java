package dev.berth.runtime.kubernetes;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ConfigFileSpec;
import dev.berth.runtime.api.spec.HealthCheckSpec;
import dev.berth.runtime.api.spec.PortSpec;
import dev.berth.runtime.api.spec.RolloutSpec;
import dev.berth.runtime.api.spec.Millicores;
import dev.berth.runtime.sizing.ContainerEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an app spec into the Kubernetes objects that run it: a ConfigMap for its config files, a Deployment, a
 * Service, and when asked a NetworkPolicy isolating its namespace and an Ingress.
 */
public final class KubernetesRenderer {

  /** Revisions Kubernetes keeps for {@code rollout undo}: its own default, written out so it is visible. */
  public static final int REVISION_HISTORY = 10;
  /** The user Berth's images run as ({@code USER 10001:0} in every template). */
  public static final long RUN_AS_USER = 10001L;
  /** The Spring Boot health endpoint whose liveness and readiness groups Kubernetes probes should use. */
  static final String ACTUATOR_HEALTH = "/actuator/health";

  private static final String CONTAINER = "app";
  private static final String CONFIG_VOLUME = "config";

  private final ContainerEnvironment environment;

  public KubernetesRenderer() {
    this(ContainerEnvironment.sized());
  }

  KubernetesRenderer(ContainerEnvironment environment) {
    this.environment = environment;
  }

  /**
   * The objects in the order to apply them: what the Deployment mounts first, what routes to it last.
   *
   * @throws dev.berth.runtime.api.spec.SpecValidationException when the memory limit is too small for the JVM
   */
  public List<HasMetadata> render(AppSpec spec, RenderOptions options) {
    // Checked before anything is built: an Ingress without a host (or a host without one) is the caller's error.
    String ingressHost = options.ingressHostOf(spec);
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, String> configKeys = configKeys(spec.configFiles());
    ConfigMap config = spec.configFiles().isEmpty() ? null : configMap(spec, options, configKeys);
    if (config != null) {
      objects.add(config);
    }
    objects.add(deployment(spec, options, configKeys, config));
    if (!spec.ports().isEmpty()) {
      objects.add(service(spec, options));
    }
    if (options.isolates(spec)) {
      objects.add(networkPolicy(spec, options));
    }
    if (ingressHost != null) {
      if (spec.ports().isEmpty()) {
        throw new IllegalArgumentException(
            "app " + spec.name() + " has no ports, so an Ingress has nothing to route to; add ports to the spec");
      }
      objects.add(ingress(spec, options, ingressHost));
    }
    return objects;
  }

  private static ObjectMeta metadata(AppSpec spec, RenderOptions options, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(spec.namespace())
        .withLabels(KubernetesLabels.of(spec, options.build()))
        .withAnnotations(KubernetesLabels.annotations(options.build()))
        .build();
  }

  private static ConfigMap configMap(AppSpec spec, RenderOptions options, Map<String, String> keys) {
    Map<String, String> data = new LinkedHashMap<>();
    for (ConfigFileSpec file : spec.configFiles()) {
      data.put(keys.get(file.path()), file.content());
    }
    return new ConfigMapBuilder()
        .withMetadata(metadata(spec, options, configMapName(spec)))
        .withData(data)
        .build();
  }

  static String configMapName(AppSpec spec) {
    return spec.name() + "-config";
  }

  /** ConfigMap keys from file paths: {@code /app/conf/a.properties} → {@code app.conf.a.properties}, unique. */
  private static Map<String, String> configKeys(List<ConfigFileSpec> files) {
    Map<String, String> keys = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    for (ConfigFileSpec file : files) {
      String base = file.path().substring(1).replace('/', '.').replaceAll("[^-._a-zA-Z0-9]", "-");
      String key = base;
      for (int i = 2; !used.add(key); i++) {
        key = base + "-" + i;
      }
      keys.put(file.path(), key);
    }
    return keys;
  }

  private Deployment deployment(
      AppSpec spec, RenderOptions options, Map<String, String> configKeys, ConfigMap config) {
    RolloutSpec update = spec.update();
    Map<String, String> podAnnotations = new LinkedHashMap<>(KubernetesLabels.annotations(options.build()));
    if (config != null) {
      // Files are mounted with subPath, which never updates in place: a changed ConfigMap must roll the pods.
      podAnnotations.put(KubernetesLabels.CONFIG_HASH, hash(config.getData()));
    }
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(spec.image())
            .withImagePullPolicy("IfNotPresent")
            .withCommand(spec.command())
            .withArgs(spec.args())
            .withPorts(containerPorts(spec))
            .withEnv(env(spec))
            .withResources(resources(spec))
            .withVolumeMounts(volumeMounts(spec, configKeys))
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext();
    if (spec.health() != null) {
      container
          .withStartupProbe(startupProbe(spec))
          .withReadinessProbe(probe(spec, "readiness"))
          .withLivenessProbe(probe(spec, "liveness"));
    }
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(RUN_AS_USER)
            .withRunAsGroup(0L)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container.build());
    if (config != null) {
      pod.addNewVolume()
          .withName(CONFIG_VOLUME)
          .withNewConfigMap()
          .withName(config.getMetadata().getName())
          .endConfigMap()
          .endVolume();
    }
    return new DeploymentBuilder()
        .withMetadata(metadata(spec, options, spec.name()))
        .withNewSpec()
        .withReplicas(spec.replicas())
        .withRevisionHistoryLimit(REVISION_HISTORY)
        .withProgressDeadlineSeconds(seconds(update.progressDeadlineDuration().toMillis()))
        .withNewSelector()
        .withMatchLabels(KubernetesLabels.selector(spec))
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(amount(update.maxSurge()))
        .withMaxUnavailable(amount(update.maxUnavailable()))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(KubernetesLabels.of(spec, options.build()))
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Kubernetes takes a number of pods or a percentage, the same forms the spec allows. */
  private static IntOrString amount(String text) {
    return text.endsWith("%") ? new IntOrString(text) : new IntOrString(Integer.parseInt(text));
  }

  private static List<ContainerPort> containerPorts(AppSpec spec) {
    List<ContainerPort> ports = new ArrayList<>();
    for (PortSpec port : spec.ports()) {
      ports.add(
          new ContainerPortBuilder()
              .withName(port.name())
              .withContainerPort(port.port())
              .withProtocol(port.protocol().toUpperCase(Locale.ROOT))
              .build());
    }
    return ports;
  }

  private List<EnvVar> env(AppSpec spec) {
    Map<String, String> all = environment.of(spec);
    // The spec's variables in its order, then Berth's in name order: the sizing's map has no stable order.
    List<String> names = new ArrayList<>(spec.env().keySet());
    all.keySet().stream().filter(k -> !spec.env().containsKey(k)).sorted().forEach(names::add);
    List<EnvVar> vars = new ArrayList<>();
    for (String name : names) {
      vars.add(new EnvVar(name, all.get(name), null));
    }
    return vars;
  }

  /**
   * Memory: request = limit, as on the bundled runtime. CPU: request = limit for JVM apps, whose GC and pool
   * sizes follow the CPU count Berth sized them for; other apps get a request and no CPU limit, so they are not
   * throttled.
   */
  private static ResourceRequirements resources(AppSpec spec) {
    long bytes = spec.resources().memoryBytes();
    // Binary units as the spec means them: the spec's "300M" is 300Mi, which Kubernetes would read as 10^6.
    Quantity memory =
        new Quantity(
            bytes % (1 << 30) == 0 ? (bytes >> 30) + "Gi"
                : bytes % (1 << 20) == 0 ? (bytes >> 20) + "Mi" : Long.toString(bytes));
    Quantity cpu = new Quantity(Millicores.format(spec.resources().cpuMillis()));
    boolean jvm = spec.jvm().facts() != null && spec.jvm().facts().isJvm();
    ResourceRequirementsBuilder resources =
        new ResourceRequirementsBuilder().addToRequests("cpu", cpu).addToRequests("memory", memory);
    resources.addToLimits("memory", memory);
    if (jvm) {
      resources.addToLimits("cpu", cpu);
    }
    return resources.build();
  }

  private static List<VolumeMount> volumeMounts(AppSpec spec, Map<String, String> keys) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (ConfigFileSpec file : spec.configFiles()) {
      mounts.add(
          new VolumeMountBuilder()
              .withName(CONFIG_VOLUME)
              .withMountPath(file.path())
              .withSubPath(keys.get(file.path()))
              .withReadOnly(true)
              .build());
    }
    return mounts;
  }

  /**
   * The startup probe holds back the others while the app starts: it may take up to the progress deadline,
   * after the spec's initial delay, before Kubernetes restarts it.
   */
  private static Probe startupProbe(AppSpec spec) {
    HealthCheckSpec health = spec.health();
    int period = seconds(health.periodDuration().toMillis());
    int deadline = seconds(spec.update().progressDeadlineDuration().toMillis());
    return handler(spec, "startup")
        .withInitialDelaySeconds((int) ((health.initialDelayDuration().toMillis() + 999) / 1000))
        .withPeriodSeconds(period)
        .withTimeoutSeconds(seconds(health.timeoutDuration().toMillis()))
        .withFailureThreshold(Math.max(health.failureThreshold(), (deadline + period - 1) / period))
        .build();
  }

  private static Probe probe(AppSpec spec, String kind) {
    HealthCheckSpec health = spec.health();
    return handler(spec, kind)
        .withPeriodSeconds(seconds(health.periodDuration().toMillis()))
        .withTimeoutSeconds(seconds(health.timeoutDuration().toMillis()))
        .withFailureThreshold(health.failureThreshold())
        .build();
  }

  private static ProbeBuilder handler(AppSpec spec, String kind) {
    HealthCheckSpec health = spec.health();
    ProbeBuilder probe = new ProbeBuilder();
    if (health.http() != null) {
      String path = health.http().path();
      // Spring Boot turns on its liveness and readiness groups when it runs on Kubernetes; probe those.
      if (path.equals(ACTUATOR_HEALTH) && !kind.equals("startup")) {
        path = ACTUATOR_HEALTH + "/" + kind;
      }
      return probe.withNewHttpGet().withPath(path).withPort(new IntOrString(spec.healthPort())).endHttpGet();
    }
    if (health.tcp() != null) {
      return probe.withNewTcpSocket().withPort(new IntOrString(spec.healthPort())).endTcpSocket();
    }
    return probe.withNewExec().withCommand(health.command()).endExec();
  }

  private static Service service(AppSpec spec, RenderOptions options) {
    List<ServicePort> ports = new ArrayList<>();
    for (PortSpec port : spec.ports()) {
      ports.add(
          new ServicePortBuilder()
              .withName(port.name())
              .withPort(port.port())
              .withTargetPort(new IntOrString(port.name()))
              .withProtocol(port.protocol().toUpperCase(Locale.ROOT))
              .build());
    }
    return new ServiceBuilder()
        .withMetadata(metadata(spec, options, spec.name()))
        .withNewSpec()
        .withType(options.exposureOf(spec) == RenderOptions.Exposure.NODE_PORT ? "NodePort" : "ClusterIP")
        .withSelector(KubernetesLabels.selector(spec))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  /**
   * Pods of the app accept traffic from pods of their own namespace only. An exposed app's ports stay open to
   * every source, since NodePort and Ingress traffic comes from outside the namespace.
   */
  private static NetworkPolicy networkPolicy(AppSpec spec, RenderOptions options) {
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    rules.add(new NetworkPolicyIngressRuleBuilder().addNewFrom().withNewPodSelector().endPodSelector().endFrom().build());
    if (options.exposureOf(spec) != RenderOptions.Exposure.CLUSTER && !spec.ports().isEmpty()) {
      NetworkPolicyIngressRuleBuilder open = new NetworkPolicyIngressRuleBuilder();
      for (PortSpec port : spec.ports()) {
        open.addToPorts(
            new NetworkPolicyPortBuilder()
                .withPort(new IntOrString(port.port()))
                .withProtocol(port.protocol().toUpperCase(Locale.ROOT))
                .build());
      }
      rules.add(open.build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(metadata(spec, options, spec.name() + "-isolation"))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(KubernetesLabels.selector(spec))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(rules)
        .endSpec()
        .build();
  }

  private static Ingress ingress(AppSpec spec, RenderOptions options, String host) {
    return new IngressBuilder()
        .withMetadata(metadata(spec, options, spec.name()))
        .withNewSpec()
        .addNewRule()
        .withHost(host)
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(spec.name())
        .withNewPort()
        .withName(spec.ports().get(0).name())
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  /** Whole seconds, rounded up and at least 1: Kubernetes probes and deadlines count in seconds. */
  private static int seconds(long millis) {
    return (int) Math.max(1, (millis + 999) / 1000);
  }

  private static String hash(Map<String, String> data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : data.entrySet()) {
        digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
