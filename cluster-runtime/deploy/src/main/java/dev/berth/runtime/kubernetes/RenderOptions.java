package dev.berth.runtime.kubernetes;

import java.util.Objects;

/**
 * How an app spec is rendered for Kubernetes beyond the spec itself.
 *
 * @param isolateNamespace whether the app's pods accept traffic only from pods of their own namespace (a
 *     NetworkPolicy), as on the bundled runtime's isolated namespaces
 * @param exposure how the app is reached from outside the cluster
 * @param ingressHost the host name of the Ingress; required for {@link Exposure#INGRESS}
 * @param build the Jenkins build that deploys, or null
 */
public record RenderOptions(boolean isolateNamespace, Exposure exposure, String ingressHost, BuildReference build) {

  public RenderOptions {
    Objects.requireNonNull(exposure, "exposure");
    if (exposure == Exposure.INGRESS && (ingressHost == null || ingressHost.isBlank())) {
      throw new IllegalArgumentException(
          "an Ingress needs a host name: pass --ingress-host, e.g. shop.example.com");
    }
  }

  /** A cluster-internal app, not isolated, with no build reference. */
  public static RenderOptions defaults() {
    return new RenderOptions(false, Exposure.CLUSTER, null, null);
  }

  /** How the app's Service is reached. */
  public enum Exposure {
    /** A ClusterIP Service: reachable inside the cluster only. */
    CLUSTER,
    /** A NodePort Service: reachable on every node's address. */
    NODE_PORT,
    /** A ClusterIP Service behind an Ingress for {@link RenderOptions#ingressHost()}. */
    INGRESS
  }
}
