package dev.berth.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KubernetesConnection#kubeconfig}: what a broken or valid kubeconfig file gives, without a cluster. */
class KubernetesConnectionTest {

  static final String TOKEN = "kc-secret-token-8842";

  @TempDir Path dir;

  @Test
  void malformedKubeconfig_isOneLineWithFileAndPosition_neverItsText() throws IOException {
    // The YAML error is on the token's own line, so the parser's message would quote the token.
    Path file = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        users:
        - name: ci
          user:
            token: %s : [
        """.formatted(TOKEN));

    assertThatThrownBy(() -> KubernetesConnection.kubeconfig(file).open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KUBECONFIG " + file + " is not a valid kubeconfig (")
        .hasMessageContaining("line 6")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n"));
  }

  @Test
  void validKubeconfig_opensAClientForItsCurrentContext() throws IOException {
    Path file = Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        current-context: ci
        clusters:
        - name: k
          cluster: {server: "https://127.0.0.1:6443"}
        contexts:
        - name: ci
          context: {cluster: k, user: ci, namespace: shop}
        users:
        - name: ci
          user: {token: %s}
        """.formatted(TOKEN));

    try (KubernetesClient client = KubernetesConnection.kubeconfig(file).open()) {
      assertThat(client.getMasterUrl().toString()).startsWith("https://127.0.0.1:6443");
      assertThat(client.getNamespace()).isEqualTo("shop");
    }
  }
}
