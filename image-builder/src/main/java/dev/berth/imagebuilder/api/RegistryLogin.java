package dev.berth.imagebuilder.api;

import java.util.Objects;

/**
 * A username and password for one registry, and where they came from (for log lines, which never show the
 * password; {@link #toString()} does not either).
 *
 * @param registry the registry's host[:port]
 * @param username the username (a token's conventional name for token logins)
 * @param password the password or token
 * @param source where it was found, e.g. {@code BERTH_REGISTRY_USERNAME/BERTH_REGISTRY_PASSWORD}
 */
public record RegistryLogin(String registry, String username, String password, String source) {

  public RegistryLogin {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "RegistryLogin[" + registry + " from " + source + "]";
  }
}
