package dev.berth.runtime.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** How Berth reaches a Kubernetes cluster: each {@link #open()} builds a new client, closed by its user. */
@FunctionalInterface
public interface KubernetesConnection {

  /**
   * A client for the cluster.
   *
   * @throws IllegalArgumentException when the configuration names a file that cannot be read
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the configuration cannot be used
   */
  KubernetesClient open();

  /**
   * The cluster the fabric8 client finds by its standard rules: {@code KUBECONFIG} or {@code ~/.kube/config} and
   * its current context, else the pod's service account when run in-cluster.
   */
  static KubernetesConnection standard() {
    // The JDK HTTP client named here, not found through ServiceLoader, which a plugin's class loader may hide.
    return () -> new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
  }

  /** The current context of the kubeconfig {@code file}; paths in it are relative to the file. */
  static KubernetesConnection kubeconfig(Path file) {
    return () -> {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "KUBECONFIG " + file + " cannot be read here; point KUBECONFIG at a readable kubeconfig file");
      }
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(file.toFile()))
          .withHttpClientFactory(new JdkHttpClientFactory())
          .build();
    };
  }
}
