package dev.berth.runtime.kubernetes;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.NetworkSpec;
import java.util.Locale;

/**
 * How an app spec is rendered for Kubernetes beyond the spec itself: the Jenkins build to label the objects
 * with, and overrides of the spec's {@code network} block (command-line flags); a {@code null} override keeps the
 * spec's value.
 *
 * @param isolateNamespace whether the app's pods accept traffic only from pods of their own namespace (a
 *     NetworkPolicy); null for the spec's {@code network.isolate}
 * @param exposure how the app is reached from outside the cluster; null for the spec's {@code network.expose}
 * @param ingressHost the host name of the Ingress; null for the spec's {@code network.host}
 * @param build the Jenkins build that deploys, or null
 */
public record RenderOptions(Boolean isolateNamespace, Exposure exposure, String ingressHost, BuildReference build) {

  public RenderOptions {
    if (ingressHost != null && ingressHost.isBlank()) {
      throw new IllegalArgumentException(
          "an Ingress needs a host name: pass --ingress-host with a name, e.g. shop.example.com");
    }
  }

  /** Everything from the spec, with no build reference. */
  public static RenderOptions defaults() {
    return new RenderOptions(null, null, null, null);
  }

  /** Everything from the spec; objects labelled with {@code build} (may be null). */
  public static RenderOptions fromSpec(BuildReference build) {
    return new RenderOptions(null, null, null, build);
  }

  /** Whether {@code spec}'s pods are isolated: the override, else the spec's {@code network.isolate}. */
  public boolean isolates(AppSpec spec) {
    return isolateNamespace != null ? isolateNamespace : spec.networkOrDefaults().isolate();
  }

  /** How {@code spec} is exposed: the override, else the spec's {@code network.expose}. */
  public Exposure exposureOf(AppSpec spec) {
    return exposure != null ? exposure : Exposure.of(spec.networkOrDefaults().expose());
  }

  /**
   * The Ingress host of {@code spec}, or null when it is not exposed through an Ingress.
   *
   * @throws IllegalArgumentException when an Ingress has no host, or a host is given without an Ingress
   */
  public String ingressHostOf(AppSpec spec) {
    String host = ingressHost != null ? ingressHost : spec.networkOrDefaults().host();
    if (exposureOf(spec) != Exposure.INGRESS) {
      if (ingressHost != null) {
        throw new IllegalArgumentException(
            "--ingress-host " + ingressHost + " names an Ingress, but the app is exposed as "
                + exposureOf(spec).spelling() + "; add --expose ingress (or network.expose: ingress in the spec)");
      }
      return null;
    }
    if (host == null) {
      throw new IllegalArgumentException(
          "an Ingress needs a host name: set network.host in the spec or pass --ingress-host, e.g. shop.example.com");
    }
    return host;
  }

  /** How the app's Service is reached. */
  public enum Exposure {
    /** A ClusterIP Service: reachable inside the cluster only. */
    CLUSTER,
    /** A NodePort Service: reachable on every node's address. */
    NODE_PORT,
    /** A ClusterIP Service behind an Ingress for the ingress host. */
    INGRESS;

    /** The exposure a spec or flag spells {@code cluster}, {@code nodeport} or {@code ingress}. */
    public static Exposure of(String spelling) {
      return switch (spelling.toLowerCase(Locale.ROOT)) {
        case NetworkSpec.CLUSTER -> CLUSTER;
        case NetworkSpec.NODE_PORT -> NODE_PORT;
        case NetworkSpec.INGRESS -> INGRESS;
        default -> throw new IllegalArgumentException(
            "exposure " + spelling + " is not known; use cluster, nodeport or ingress");
      };
    }

    /** As the spec and the flags spell it. */
    public String spelling() {
      return switch (this) {
        case CLUSTER -> NetworkSpec.CLUSTER;
        case NODE_PORT -> NetworkSpec.NODE_PORT;
        case INGRESS -> NetworkSpec.INGRESS;
      };
    }
  }
}
