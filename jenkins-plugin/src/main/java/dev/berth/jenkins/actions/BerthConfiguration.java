package dev.berth.jenkins.actions;

import dev.berth.jenkins.cluster.MasterConnection;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.Secret;
import java.util.HashMap;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Berth master's URL and token, set once on Jenkins' global configuration page (section "Berth") and saved by
 * Jenkins with the token encrypted. Where set, they stand in for the controller's {@code BERTH_MASTER_URL} and
 * {@code BERTH_TOKEN}; a build's own environment still comes first for the steps.
 */
@Extension
public final class BerthConfiguration extends GlobalConfiguration {

  private String masterUrl;
  private Secret token;

  public BerthConfiguration() {
    load();
  }

  /**
   * The controller's settings as variables: its environment, overridden by what the global configuration sets.
   * Outside a running Jenkins (or before the extension is registered) the environment alone.
   */
  public static Map<String, String> controllerSettings() {
    String url = null;
    String plainToken = null;
    try {
      BerthConfiguration config = ExtensionList.lookupSingleton(BerthConfiguration.class);
      url = config.getMasterUrl();
      plainToken = config.token == null ? null : config.token.getPlainText();
    } catch (RuntimeException e) {
      // Jenkins throws IllegalStateException when the extension is not (yet) registered: use the environment.
    }
    return merge(System.getenv(), url, plainToken);
  }

  /** {@code environment} with {@code url} and {@code token} put over its variables where they are not blank. */
  static Map<String, String> merge(Map<String, String> environment, String url, String token) {
    Map<String, String> m = new HashMap<>(environment);
    if (url != null && !url.isBlank()) {
      m.put(MasterConnection.URL_VARIABLE, url.trim());
    }
    if (token != null && !token.isBlank()) {
      m.put(MasterConnection.TOKEN_VARIABLE, token.trim());
    }
    return m;
  }

  public String getMasterUrl() {
    return masterUrl;
  }

  /** Bound from the form's {@code masterUrl} field, then saved. */
  @DataBoundSetter
  public void setMasterUrl(String masterUrl) {
    this.masterUrl = masterUrl == null ? null : masterUrl.trim();
    save();
  }

  /** The token as the form shows it: masked, never in plain text. */
  public Secret getToken() {
    return token;
  }

  /** Bound from the form's {@code token} field (Stapler converts the text to a {@code Secret}), then saved. */
  @DataBoundSetter
  public void setToken(Secret token) {
    this.token = token;
    save();
  }
}
