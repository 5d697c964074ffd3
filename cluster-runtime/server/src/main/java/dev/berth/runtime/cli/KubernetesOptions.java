package dev.berth.runtime.cli;

import dev.berth.runtime.kubernetes.BuildReference;
import dev.berth.runtime.kubernetes.RenderOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options that shape the Kubernetes objects, shared by {@code berth export k8s} and {@code apply --target}. */
final class KubernetesOptions {

  @Option(
      names = "--isolate",
      description = "Accept traffic only from pods of the app's own namespace (a NetworkPolicy)")
  boolean isolate;

  @Option(
      names = "--expose",
      paramLabel = "HOW",
      defaultValue = "cluster",
      description = "cluster (a ClusterIP Service), nodeport (a NodePort Service) or ingress (default: ${DEFAULT-VALUE})")
  String expose;

  @Option(names = "--ingress-host", paramLabel = "HOST", description = "The Ingress's host name, with --expose ingress")
  String ingressHost;

  /** The render options; Jenkins' JOB_NAME, BUILD_NUMBER and BUILD_URL label the objects when set. */
  RenderOptions renderOptions() {
    RenderOptions.Exposure exposure =
        switch (expose.toLowerCase(Locale.ROOT)) {
          case "cluster" -> RenderOptions.Exposure.CLUSTER;
          case "nodeport" -> RenderOptions.Exposure.NODE_PORT;
          case "ingress" -> RenderOptions.Exposure.INGRESS;
          default ->
              throw new IllegalArgumentException(
                  "--expose " + expose + " is not known; use cluster, nodeport or ingress");
        };
    return new RenderOptions(isolate, exposure, ingressHost, BuildReference.fromEnvironment(System.getenv()));
  }
}
