package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.kubernetes.ManifestYaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExportCommandTest extends CliHarness {

  @TempDir Path dir;


  @Test
  void exportK8s_writesTheManifestsToTheOutputFolder() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"),
        "name: shop\nimage: 127.0.0.1:5000/shop:1.4\nports: [{name: http, port: 8080}]\n");

    int code = run("export", "k8s", "-f", spec.toString(), "-o", dir.resolve("out").toString(), "--isolate",
        "--expose", "ingress", "--ingress-host", "shop.example.com");

    assertThat(code).as(err.toString()).isZero();
    List<HasMetadata> objects = ManifestYaml.read(Files.readString(dir.resolve("out/shop.yaml")));
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("Deployment", "Service", "NetworkPolicy", "Ingress");
  }

  @Test
  void exportK8s_withoutOutput_printsYaml() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: 127.0.0.1:5000/web:1\n");
    assertThat(run("export", "k8s", "-f", spec.toString())).isZero();
    assertThat(out.toString()).startsWith("---\napiVersion: \"apps/v1\"\nkind: \"Deployment\"");
  }

  @Test
  void exportUnknownFormat_isAUsageErrorNamingTheFix() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: 127.0.0.1:5000/web:1\n");
    assertThat(run("export", "nomad", "-f", spec.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("export format nomad is not known").contains("berth export k8s");
  }

  @Test
  void exportIngressWithoutHost_isAUsageError() throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: 127.0.0.1:5000/web:1\n");
    assertThat(run("export", "k8s", "-f", spec.toString(), "--expose", "ingress")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--ingress-host");
  }
}
