package dev.berth.runtime.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How Berth reaches a Kubernetes cluster: each {@link #open()} builds a new client, closed by its user. */
@FunctionalInterface
public interface KubernetesConnection {

  /**
   * A client for the cluster.
   *
   * @throws IllegalArgumentException when the configuration names a file that cannot be read or is not a
   *     kubeconfig; the message gives the file and the position, never its text
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the configuration cannot be used
   */
  KubernetesClient open();

  /**
   * The cluster the fabric8 client finds by its standard rules: {@code KUBECONFIG} or {@code ~/.kube/config} and
   * its current context, else the pod's service account when run in-cluster.
   */
  static KubernetesConnection standard() {
    // The JDK HTTP client named here, not found through ServiceLoader, which a plugin's class loader may hide.
    return () -> parsed("the kubeconfig the Kubernetes client found (KUBECONFIG or ~/.kube/config)",
        () -> new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build());
  }

  /** The current context of the kubeconfig {@code file}; paths in it are relative to the file. */
  static KubernetesConnection kubeconfig(Path file) {
    return () -> {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            "KUBECONFIG " + file + " cannot be read here; point KUBECONFIG at a readable kubeconfig file");
      }
      return parsed("KUBECONFIG " + file, () -> new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(file.toFile()))
          .withHttpClientFactory(new JdkHttpClientFactory())
          .build());
    };
  }

  /**
   * {@code client}, or one clear error when the kubeconfig it reads is no kubeconfig. The YAML parser's own message
   * quotes the offending line, which may be a token or a key: only its position is kept, and not the exception.
   */
  private static KubernetesClient parsed(String what, Supplier<KubernetesClient> client) {
    try {
      return client.get();
    } catch (KubernetesClientException e) {
      throw e;
    } catch (RuntimeException e) {
      Matcher at = Pattern.compile("line (\\d+), column (\\d+)").matcher(String.valueOf(e.getMessage()));
      String where = at.find() ? " at line " + at.group(1) + ", column " + at.group(2) : "";
      throw new IllegalArgumentException(what + " is not a valid kubeconfig (" + e.getClass().getSimpleName()
          + where + "); check it with kubectl config view");
    }
  }
}
