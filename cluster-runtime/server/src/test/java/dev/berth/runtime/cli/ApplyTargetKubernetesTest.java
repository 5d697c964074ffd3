package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth apply --target kubernetes} finds its cluster through the fabric8 client's standard configuration
 * (here its system properties, as a kubeconfig would give them) and never prints the credentials.
 */
@EnableKubernetesMockClient(crud = true)
class ApplyTargetKubernetesTest {

  private static final String TOKEN = "berth-test-token-7f3a9c";
  private static final Map<String, String> PROPERTIES = Map.of(
      "kubernetes.auth.token", TOKEN,
      "kubernetes.trust.certificates", "true",
      "kubernetes.auth.tryKubeConfig", "false",
      "kubernetes.auth.tryServiceAccount", "false");

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path dir;

  @BeforeEach
  void pointTheClientAtTheMock() {
    PROPERTIES.forEach(System::setProperty);
    System.setProperty("kubernetes.master", client.getMasterUrl().toString());
  }

  @AfterEach
  void restore() {
    PROPERTIES.keySet().forEach(System::clearProperty);
    System.clearProperty("kubernetes.master");
  }

  @Test
  void applyToKubernetes_reachesTheConfiguredClusterAndNeverPrintsTheToken() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: 127.0.0.1:5000/web:1\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("apply", "-f", spec.toString(), "--target", "kubernetes", "--wait");

    // The mock cannot create through server-side apply (a real API server does), so the apply fails: with the
    // failing object named, exit code 1, and no credential in the output.
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("ERROR Kubernetes: cannot apply Deployment default/web");
    assertThat(out.toString() + err.toString()).doesNotContain(TOKEN);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath()).startsWith("/apis/apps/v1/namespaces/default/deployments/web?fieldManager=berth");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void specTargetKubernetes_goesToTheClusterWithoutTheFlag() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"),
        "name: web\nimage: 127.0.0.1:5000/web:1\ntarget: kubernetes\nnetwork: {isolate: true}\n");
    StringWriter err = new StringWriter();
    var cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("apply", "-f", spec.toString(), "--master=http://127.0.0.1:9", "--token=unused");

    // Kubernetes was asked (the mock refuses server-side apply), not the master on port 9 (nothing listens).
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("ERROR Kubernetes: cannot apply Deployment default/web");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getPath()).startsWith("/apis/apps/v1/namespaces/default/deployments/web?fieldManager=berth");
  }

  @Test
  void applyToAnUnknownTarget_isAUsageError() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: 127.0.0.1:5000/web:1\n");
    StringWriter err = new StringWriter();
    var cli = BerthCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("apply", "-f", spec.toString(), "--target", "nomad")).isEqualTo(2);
    assertThat(err.toString()).contains("ERROR --target: target 'nomad' is not known; use berth (the bundled runtime) or kubernetes");
  }
}
