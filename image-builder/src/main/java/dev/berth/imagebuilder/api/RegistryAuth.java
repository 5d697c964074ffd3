package dev.berth.imagebuilder.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where Berth finds its login for a registry: a username and password given explicitly (the environment variables
 * {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE}, which a pipeline binds with {@code withCredentials}),
 * else the Docker config file {@code docker login} writes ({@code auths}, {@code credHelpers}, {@code credsStore}),
 * else none. The password never appears in {@link #toString()}.
 *
 * @param username the explicit username, or {@code null}
 * @param password the explicit password or token, or {@code null}; set exactly when {@code username} is
 * @param dockerConfig the Docker config file to consult ({@code config.json}); it need not exist
 */
public record RegistryAuth(String username, String password, Path dockerConfig) {

  public static final String USERNAME_VARIABLE = "BERTH_REGISTRY_USERNAME";
  public static final String PASSWORD_VARIABLE = "BERTH_REGISTRY_PASSWORD";

  public RegistryAuth {
    Objects.requireNonNull(dockerConfig, "dockerConfig");
    username = blankToNull(username);
    password = blankToNull(password);
    if ((username == null) != (password == null)) {
      String set = username == null ? PASSWORD_VARIABLE : USERNAME_VARIABLE;
      String missing = username == null ? USERNAME_VARIABLE : PASSWORD_VARIABLE;
      throw new IllegalArgumentException(set + " is set but " + missing + " is not; set both (withCredentials"
          + " usernamePassword(usernameVariable: '" + USERNAME_VARIABLE + "', passwordVariable: '"
          + PASSWORD_VARIABLE + "') binds both) or neither to use the Docker config " + dockerConfig);
    }
  }

  /**
   * The login described by {@code env}: the two variables above, and the Docker config in {@code $DOCKER_CONFIG},
   * else {@code $HOME/.docker}, as the docker CLI looks for it.
   *
   * @throws IllegalArgumentException when only one of the two variables is set
   */
  public static RegistryAuth fromEnvironment(Map<String, String> env) {
    String configDir = env.get("DOCKER_CONFIG");
    Path config = configDir != null && !configDir.isBlank()
        ? Path.of(configDir, "config.json")
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker", "config.json");
    return new RegistryAuth(env.get(USERNAME_VARIABLE), env.get(PASSWORD_VARIABLE), config);
  }

  /** The login this process's environment describes. */
  public static RegistryAuth fromProcess() {
    return fromEnvironment(System.getenv());
  }

  /** Whether a username and password were given explicitly. */
  public boolean explicit() {
    return username != null;
  }

  @Override
  public String toString() {
    return explicit()
        ? "RegistryAuth[" + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE + ", dockerConfig=" + dockerConfig + "]"
        : "RegistryAuth[dockerConfig=" + dockerConfig + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
