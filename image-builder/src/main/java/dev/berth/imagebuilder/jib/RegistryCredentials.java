package dev.berth.imagebuilder.jib;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.api.RegistryLogin;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the login {@link RegistryAuth} describes for one registry. The Docker config is read by Jib's retriever,
 * which knows {@code auths}, per-registry {@code credHelpers} and the default {@code credsStore} as the docker CLI
 * does; the engine backend uses it too, so both backends log in the same way.
 */
public final class RegistryCredentials {

  private static final String EXPLICIT = RegistryAuth.USERNAME_VARIABLE + "/" + RegistryAuth.PASSWORD_VARIABLE;

  private RegistryCredentials() {}

  /**
   * The explicit login, else the Docker config's entry for {@code registry}, else empty (anonymous).
   *
   * @throws IOException naming the registry and the config file when a credential helper it names fails
   */
  public static Optional<RegistryLogin> find(RegistryAuth auth, String registry) throws IOException {
    if (auth.explicit()) {
      return Optional.of(new RegistryLogin(registry, auth.username(), auth.password(), EXPLICIT));
    }
    Optional<Credential> found;
    try {
      found = CredentialRetrieverFactory.forImage(ImageReference.of(registry, "berth", null), event -> {})
          .dockerConfig(auth.dockerConfig())
          .retrieve();
    } catch (CredentialRetrievalException e) {
      throw new IOException("the Docker config " + auth.dockerConfig() + " names a credential helper for "
          + registry + " that failed (" + e.getMessage() + "); run docker login " + registry + " again or set "
          + EXPLICIT, e);
    }
    return found.map(c -> new RegistryLogin(registry, c.getUsername(), c.getPassword(),
        "Docker config " + auth.dockerConfig()));
  }

  /** {@link #find} as a Jib credential. */
  static Optional<Credential> credential(RegistryAuth auth, String registry) throws IOException {
    return find(auth, registry).map(l -> Credential.from(l.username(), l.password()));
  }

  /** Whether an engine's pull or push error says the registry wants a (different) login. */
  public static boolean refusedLogin(String engineError) {
    String e = engineError.toLowerCase(Locale.ROOT);
    return e.contains("unauthorized") || e.contains("authentication required") || e.contains("no basic auth")
        || e.contains("denied");
  }

  /** The hint for a registry that refused: where Berth looked, and how to give it a login. */
  public static String hint(RegistryAuth auth, String registry) {
    return auth.explicit()
        ? "check the login in " + EXPLICIT + " for " + registry
        : "give Berth a login: set " + EXPLICIT + " (withCredentials usernamePassword in a pipeline) or run docker"
            + " login " + registry + " so " + auth.dockerConfig() + " has one";
  }
}
