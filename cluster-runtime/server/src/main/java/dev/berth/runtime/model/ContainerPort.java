package dev.berth.runtime.model;

import java.util.Objects;

/**
 * A port the container listens on; the agent publishes it on a host port of its choosing and reports that port
 * back in {@link ReplicaObservation#hostPorts()}.
 *
 * @param name the port's name from the spec, e.g. {@code http}
 * @param containerPort port inside the container, 1..65535
 * @param protocol {@code tcp} or {@code udp}
 */
public record ContainerPort(String name, int containerPort, String protocol) {

  public ContainerPort {
    if (containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("container port " + containerPort + " is outside 1..65535");
    }
    name = name == null ? "" : name;
    protocol = protocol == null ? "tcp" : protocol;
    Objects.requireNonNull(protocol, "protocol");
  }
}
