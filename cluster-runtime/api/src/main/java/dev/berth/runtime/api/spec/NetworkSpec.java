package dev.berth.runtime.api.spec;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may reach the app and how it is exposed. Kubernetes renders it (a NetworkPolicy, a NodePort Service, an
 * Ingress); the bundled runtime accepts it but neither isolates namespaces nor routes ingress traffic.
 *
 * @param isolate whether only pods of the app's own namespace may connect to it; default false
 * @param expose {@code cluster} (reachable inside the cluster), {@code nodeport} (on every node's address) or
 *     {@code ingress} (behind an Ingress for {@code host}); default {@code cluster}
 * @param host the Ingress's host name; required with {@code expose: ingress}, refused otherwise
 */
public record NetworkSpec(Boolean isolate, String expose, String host) {

  public static final String CLUSTER = "cluster";
  public static final String NODE_PORT = "nodeport";
  public static final String INGRESS = "ingress";
  private static final List<String> EXPOSURES = List.of(CLUSTER, NODE_PORT, INGRESS);
  // A DNS name as an Ingress rule takes it: lowercase labels, optionally a leading wildcard label.
  private static final Pattern HOST =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

  public NetworkSpec {
    isolate = isolate != null && isolate;
    expose = expose == null ? CLUSTER : expose.trim().toLowerCase(Locale.ROOT);
    if (!EXPOSURES.contains(expose)) {
      throw new SpecValidationException("expose", expose, "one of cluster, nodeport, ingress");
    }
    if (host != null && !expose.equals(INGRESS)) {
      throw new SpecValidationException(
          "host", host, "no host unless expose is ingress (the host names the Ingress); add expose: ingress or"
              + " remove host");
    }
    if (expose.equals(INGRESS) && (host == null || host.isBlank())) {
      throw new SpecValidationException(
          "host", host, "a host name for the Ingress with expose: ingress, e.g. host: shop.example.com");
    }
    if (host != null && (host.length() > 253 || !HOST.matcher(host).matches())) {
      throw new SpecValidationException(
          "host", host, "a DNS name of lowercase letters, digits, '-' and '.', e.g. shop.example.com or"
              + " *.example.com");
    }
  }

  /** Not isolated, reachable inside the cluster only. */
  public static NetworkSpec defaults() {
    return new NetworkSpec(null, null, null);
  }
}
