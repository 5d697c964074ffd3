package dev.berth.jenkins.cluster;

import dev.berth.runtime.api.client.BerthClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Berth master is and the token for its API, read from {@code BERTH_MASTER_URL} and {@code BERTH_TOKEN}:
 * first the build's environment (so {@code withCredentials} can bind the token), then the controller's. The token
 * never appears in {@link #toString()} or in any message.
 *
 * @param url the master's API, e.g. {@code http://berth-master:7070}
 * @param token the API's bearer token
 */
public record MasterConnection(URI url, String token) {

  /** The variable naming the master's API URL. */
  public static final String URL_VARIABLE = "BERTH_MASTER_URL";

  /** The variable holding the master's API token. */
  public static final String TOKEN_VARIABLE = "BERTH_TOKEN";

  public MasterConnection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
  }

  /**
   * Reads the connection from the build's environment, falling back to the controller's.
   *
   * @throws MasterConnectionException when the URL or token is missing or the URL is not an http(s) URL
   */
  public static MasterConnection from(Map<String, String> build, Map<String, String> controller)
      throws MasterConnectionException {
    String url = value(URL_VARIABLE, build, controller);
    String token = value(TOKEN_VARIABLE, build, controller);
    if (url == null) {
      throw new MasterConnectionException("no Berth master configured: " + URL_VARIABLE + " is not set; set it to"
          + " the master's API URL (e.g. http://berth-master:7070) in the controller's or the agent's"
          + " environment, or with withEnv");
    }
    if (token == null) {
      throw new MasterConnectionException("no token for the Berth master at " + url + ": " + TOKEN_VARIABLE
          + " is not set; bind it with withCredentials([string(credentialsId: '...', variable: '"
          + TOKEN_VARIABLE + "')]) or set it in the controller's environment");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new MasterConnectionException(URL_VARIABLE + " '" + url + "' is not a URL; set it to the master's API,"
          + " e.g. http://berth-master:7070");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new MasterConnectionException(URL_VARIABLE + " '" + url + "' is not an http(s) URL with a host; set it"
          + " to the master's API, e.g. http://berth-master:7070");
    }
    return new MasterConnection(uri, token);
  }

  /** A client of the master's API. */
  public BerthClient client() {
    return new BerthClient(url, token);
  }

  @Override
  public String toString() {
    return "MasterConnection[url=" + url + ", token=****]";
  }

  private static String value(String name, Map<String, String> build, Map<String, String> controller) {
    String v = build.get(name);
    if (v == null || v.isBlank()) {
      v = controller.get(name);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }
}
