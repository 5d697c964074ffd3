package dev.berth.runtime.cli;

import dev.berth.runtime.kubernetes.BuildReference;
import dev.berth.runtime.kubernetes.RenderOptions;
import picocli.CommandLine.Option;

/**
 * The options that shape the Kubernetes objects, shared by {@code berth export k8s} and {@code apply --target}.
 * Each one given overrides the spec's {@code network} block; those not given keep the spec's values.
 */
final class KubernetesOptions {

  @Option(
      names = "--isolate",
      arity = "0..1",
      paramLabel = "true|false",
      description = "Accept traffic only from pods of the app's own namespace (a NetworkPolicy); overrides the"
          + " spec's network.isolate (--isolate=false turns it off)")
  Boolean isolate;

  @Option(
      names = "--expose",
      paramLabel = "HOW",
      description = "cluster (a ClusterIP Service), nodeport (a NodePort Service) or ingress; overrides the spec's"
          + " network.expose (default: the spec's, else cluster)")
  String expose;

  @Option(
      names = "--ingress-host",
      paramLabel = "HOST",
      description = "The Ingress's host name, with ingress exposure; overrides the spec's network.host")
  String ingressHost;

  /** The render options; Jenkins' JOB_NAME, BUILD_NUMBER and BUILD_URL label the objects when set. */
  RenderOptions renderOptions() {
    RenderOptions.Exposure exposure;
    try {
      exposure = expose == null ? null : RenderOptions.Exposure.of(expose);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--expose " + expose + " is not known; use cluster, nodeport or ingress");
    }
    return new RenderOptions(isolate, exposure, ingressHost, BuildReference.fromEnvironment(System.getenv()));
  }
}
