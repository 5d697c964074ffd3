package dev.berth.runtime.reconcile;

import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ConfigFileSpec;
import dev.berth.runtime.api.spec.HealthCheckSpec;
import dev.berth.runtime.api.spec.PortSpec;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.ContainerPort;
import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeJvmSizing;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.sizing.ContainerEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what a node must run from the desired state: one {@link ReplicaAssignment} per replica placed there. */
public final class NodeAssignments {

  private final ContainerEnvironment environment;

  public NodeAssignments(ContainerEnvironment environment) {
    this.environment = environment;
  }

  /** The node's full assignment in {@code snapshot}: its placed replicas, from the snapshot's index, by id. */
  public NodeAssignment forNode(String nodeId, ClusterSnapshot snapshot, long generation) {
    List<ReplicaAssignment> replicas = new ArrayList<>();
    for (Replica r : snapshot.index().replicasOn(nodeId)) {
      AppRecord app = snapshot.apps().get(r.appKey());
      if (app != null) {
        replicas.add(assignment(r, app));
      }
    }
    return new NodeAssignment(nodeId, generation, replicas);
  }

  /** The container one replica runs. */
  public ReplicaAssignment assignment(Replica replica, AppRecord app) {
    AppSpec spec = app.specFor(replica.revision());
    List<ContainerPort> ports = new ArrayList<>();
    for (PortSpec p : spec.ports()) {
      ports.add(new ContainerPort(p.name(), p.port(), p.protocol()));
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (ConfigFileSpec f : spec.configFiles()) {
      files.put(f.path(), f.content());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("berth.app", spec.name());
    labels.put("berth.namespace", spec.namespace());
    labels.put("berth.revision", Long.toString(replica.revision()));
    NodeJvmSizing onNode = null;
    if (ContainerEnvironment.needsImageFacts(spec)) {
      // Only the image's labels can say whether this is a JVM app, and the image is on the node.
      onNode = new NodeJvmSizing(spec.env(), spec.jvm().maxHeap(), spec.jvm().flags(),
          spec.jvm().facts() == null ? null : FactLabels.toLabels(spec.jvm().facts()));
    } else if (spec.jvm().automatic()) {
      labels.put(NodeJvmSizing.LABEL, NodeJvmSizing.FROM_SPEC);
    }
    return new ReplicaAssignment(
        replica.id(),
        spec.namespace(),
        spec.name(),
        replica.revision(),
        replica.attempt(),
        spec.image(),
        spec.command(),
        spec.args(),
        environment.of(spec),
        spec.resources().memoryBytes(),
        spec.resources().cpuMillis(),
        ports,
        files,
        probe(spec),
        labels,
        onNode);
  }

  private static HealthProbe probe(AppSpec spec) {
    HealthCheckSpec h = spec.health();
    if (h == null) {
      return null;
    }
    HealthProbe.Kind kind =
        h.http() != null ? HealthProbe.Kind.HTTP : h.tcp() != null ? HealthProbe.Kind.TCP : HealthProbe.Kind.COMMAND;
    return new HealthProbe(
        kind,
        spec.healthPort(),
        h.http() != null ? h.http().path() : "",
        h.command(),
        h.initialDelayDuration(),
        h.periodDuration(),
        h.timeoutDuration(),
        h.failureThreshold());
  }
}
