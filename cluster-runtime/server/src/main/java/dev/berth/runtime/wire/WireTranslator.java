package dev.berth.runtime.wire;

import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.ContainerPort;
import dev.berth.runtime.model.HealthProbe;
import dev.berth.runtime.model.HealthState;
import dev.berth.runtime.model.NodeAssignment;
import dev.berth.runtime.model.NodeInfo;
import dev.berth.runtime.model.NodeJvmSizing;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.model.ReplicaObservation;
import dev.berth.runtime.model.ReplicaState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns wire messages into the runtime's model records and back. Both ends use it (the master's
 * transport for assignments out and reports in, the agent's for the reverse), so the two directions cannot drift.
 */
public final class WireTranslator {

  /** Log lines in a report are cut to this length so a report of many replicas stays below the frame limit. */
  static final int MAX_LINE_CHARS = 400;

  private WireTranslator() {}

  /** A node's join message. */
  public static JoinMessage toMessage(NodeInfo info) {
    return new JoinMessage(info.nodeId(), info.address(), info.cpuMillis(), info.memoryBytes(),
        new HashMap<>(info.labels()), info.engineVersion());
  }

  /** The node described by a join message. */
  public static NodeInfo toModel(JoinMessage m) {
    return new NodeInfo(m.nodeId(), m.address(), m.cpuMillis(), m.memoryBytes(), m.labels(), m.engineVersion());
  }

  /** An assignment as sent to its node. */
  public static AssignMessage toMessage(NodeAssignment a) {
    ArrayList<ReplicaSpecMessage> replicas = new ArrayList<>();
    for (ReplicaAssignment r : a.replicas()) {
      ArrayList<PortMessage> ports = new ArrayList<>();
      r.ports().forEach(p -> ports.add(new PortMessage(p.name(), p.containerPort(), p.protocol())));
      HealthProbe h = r.health();
      HealthCheckMessage health = h == null ? null
          : new HealthCheckMessage(h.kind().name(), h.port(), h.path(), new ArrayList<>(h.command()),
              h.initialDelay().toMillis(), h.period().toMillis(), h.timeout().toMillis(), h.failureThreshold());
      NodeJvmSizing j = r.jvmSizing();
      JvmSizingMessage jvm = j == null ? null
          : new JvmSizingMessage(new HashMap<>(j.env()), j.maxHeap(), new ArrayList<>(j.flags()),
              new HashMap<>(j.factLabels()));
      replicas.add(new ReplicaSpecMessage(r.replicaId(), r.namespace(), r.app(), r.revision(), r.attempt(), r.image(),
          new ArrayList<>(r.command()), new ArrayList<>(r.args()), new HashMap<>(r.env()), r.memoryLimitBytes(),
          r.cpuMillis(), ports, new HashMap<>(r.configFiles()), health, new HashMap<>(r.labels()), jvm));
    }
    return new AssignMessage(a.generation(), replicas);
  }

  /** The assignment an agent received, for {@code nodeId}. */
  public static NodeAssignment toModel(String nodeId, AssignMessage m) {
    List<ReplicaAssignment> replicas = new ArrayList<>();
    for (ReplicaSpecMessage r : m.replicas()) {
      List<ContainerPort> ports = new ArrayList<>();
      r.ports().forEach(p -> ports.add(new ContainerPort(p.name(), p.containerPort(), p.protocol())));
      HealthCheckMessage h = r.health();
      HealthProbe health = h == null ? null
          : new HealthProbe(HealthProbe.Kind.valueOf(h.kind()), h.port(), h.path(), h.command(),
              Duration.ofMillis(h.initialDelayMillis()), Duration.ofMillis(h.periodMillis()),
              Duration.ofMillis(h.timeoutMillis()), h.failureThreshold());
      JvmSizingMessage j = r.jvmSizing();
      NodeJvmSizing jvm = j == null ? null : new NodeJvmSizing(j.env(), j.maxHeap(), j.flags(), j.factLabels());
      replicas.add(new ReplicaAssignment(r.replicaId(), r.namespace(), r.app(), r.revision(), r.attempt(), r.image(),
          r.command(), r.args(), r.env(), r.memoryLimitBytes(), r.cpuMillis(), ports, r.configFiles(), health,
          r.labels(), jvm));
    }
    return new NodeAssignment(nodeId, m.generation(), replicas);
  }

  /** A node's observations as reported. */
  public static ReportMessage toMessage(List<ReplicaObservation> observations) {
    ArrayList<ObservationMessage> out = new ArrayList<>();
    for (ReplicaObservation o : observations) {
      ArrayList<String> lines = new ArrayList<>();
      o.lastLogLines().forEach(l -> lines.add(l.length() > MAX_LINE_CHARS ? l.substring(0, MAX_LINE_CHARS) : l));
      out.add(new ObservationMessage(o.replicaId(), o.revision(), o.attempt(), o.containerId(), o.state().name(),
          o.exitCode(), o.oomKilled(), o.health().name(), new HashMap<>(o.hostPorts()), millis(o.startedAt()),
          millis(o.finishedAt()), o.memoryUsedBytes(), o.cpuMillisUsed(), o.message(), lines, o.jvmSizing()));
    }
    return new ReportMessage(out);
  }

  /** The observations a report carries. */
  public static List<ReplicaObservation> toModel(ReportMessage m) {
    List<ReplicaObservation> out = new ArrayList<>();
    for (ObservationMessage o : m.replicas()) {
      Map<Integer, Integer> ports = o.hostPorts() == null ? Map.of() : o.hostPorts();
      out.add(new ReplicaObservation(o.replicaId(), o.revision(), o.attempt(), o.containerId(),
          ReplicaState.valueOf(o.state()), o.exitCode(), o.oomKilled(), HealthState.valueOf(o.health()), ports,
          instant(o.startedAtMillis()), instant(o.finishedAtMillis()), o.memoryUsedBytes(), o.cpuMillisUsed(),
          o.message(), o.lastLogLines(), o.jvmSizing()));
    }
    return out;
  }

  private static long millis(Instant t) {
    return t == null ? 0 : t.toEpochMilli();
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  /** A build job for a node. */
  public static BuildJobMessage toMessage(BuildAssignment a) {
    return new BuildJobMessage(a.jobId(), new ArrayList<>(a.tags()), a.push(), a.baseImage(), a.offline(),
        a.contextBytes(), a.contextSha256());
  }

  /** The build job a node was sent. */
  public static BuildAssignment toModel(BuildJobMessage m) {
    return new BuildAssignment(m.jobId(), m.tags(), m.push(), m.baseImage(), m.offline(), m.contextBytes(),
        m.contextSha256());
  }

  /** A build job's report. */
  public static BuildReportMessage toMessage(BuildReport r) {
    return new BuildReportMessage(r.jobId(), r.phase(), r.exitCode(), r.message(), r.imageId(), r.digest(),
        new ArrayList<>(r.lines()), r.imageBytes());
  }

  /** A build job's report as the master reads it. */
  public static BuildReport toModel(BuildReportMessage m) {
    return new BuildReport(m.jobId(), m.phase(), m.exitCode(), m.message(), m.imageId(), m.digest(), m.lines(),
        m.imageBytes());
  }
}
