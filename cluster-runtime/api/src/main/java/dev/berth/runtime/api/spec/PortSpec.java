package dev.berth.runtime.api.spec;

import java.util.regex.Pattern;

/**
 * A port the app listens on inside its container; each node publishes it on a host port it picks.
 *
 * @param name a short name for the port, e.g. {@code http}
 * @param port the container port, 1..65535
 * @param protocol {@code tcp} (default) or {@code udp}
 */
public record PortSpec(String name, Integer port, String protocol) {

  private static final Pattern NAME = Pattern.compile("[a-z][-a-z0-9]{0,14}");

  public PortSpec {
    if (port == null || port < 1 || port > 65535) {
      throw new SpecValidationException("port", port, "a port number from 1 to 65535");
    }
    name = name == null ? "port-" + port : name;
    if (!NAME.matcher(name).matches()) {
      throw new SpecValidationException("name", name, "1 to 15 lowercase letters, digits or '-', starting with a letter");
    }
    protocol = protocol == null ? "tcp" : protocol;
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new SpecValidationException("protocol", protocol, "tcp or udp");
    }
  }
}
