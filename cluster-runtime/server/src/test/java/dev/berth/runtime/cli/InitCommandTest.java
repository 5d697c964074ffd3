package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.Samples;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest extends CliHarness {

  static final String IMAGE = "127.0.0.1:5000/billing:1.4.2";

  @TempDir Path tmp;

  @Test
  void legacyDist_writesAValidSpecUnderTheFolder_andPrintsItsKeyFacts() throws Exception {
    Path app = Samples.l1DistJdk7(tmp);

    int code = run("init", app.toString(), "--image", IMAGE, "--replicas", "2");

    assertThat(code).as(err.toString()).isZero();
    Path file = app.resolve(".berth/app.yaml");
    AppSpec spec = ApiJson.readSpec(Files.readString(file));
    assertThat(spec.name()).isEqualTo("billing");
    assertThat(spec.image()).isEqualTo(IMAGE);
    assertThat(spec.replicas()).isEqualTo(2);
    assertThat(spec.jvm().facts().legacyXmx()).isEqualTo("1024m");
    assertThat(spec.resources().memoryBytes()).isGreaterThan(1024L << 20);
    assertThat(spec.ports()).extracting(p -> p.port()).containsExactly(8081);
    assertThat(out.toString()).startsWith("wrote " + file + " (drafted from detection: jvm-dist)")
        .contains("default/billing: image " + IMAGE + ", 2 replicas, memory " + spec.resources().memory())
        .contains("berth apply -f " + file);
  }

  @Test
  void existingFile_isKeptWithOneLine_unlessForce() throws Exception {
    Path app = Samples.l1DistJdk7(tmp);
    Path file = tmp.resolve("app.yaml");
    Files.writeString(file, "name: billing\nimage: mine:1\n");

    int code = run("init", app.toString(), "--image", IMAGE, "-o", file.toString());

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).isEqualTo("ERROR " + file + " exists; berth init keeps it. Edit it, or pass --force"
        + " to draft it again" + System.lineSeparator());
    assertThat(Files.readString(file)).isEqualTo("name: billing\nimage: mine:1\n");

    assertThat(run("init", app.toString(), "--image", IMAGE, "-o", file.toString(), "--force", "--name", "bill"))
        .as(err.toString()).isZero();
    assertThat(ApiJson.readSpec(Files.readString(file)).name()).isEqualTo("bill");
  }

  @Test
  void detectionFails_oneLineWithTheFix_andNoFile() {
    Path app = Samples.a1Ambiguous(tmp);

    int code = run("init", app.toString(), "--image", IMAGE);

    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).startsWith("ERROR cannot draft a spec: detection in " + app + " failed [AMBIGUOUS]")
        .contains("fix: berth.yaml `artifact: target/app-1.0.jar`").hasLineCount(1);
    assertThat(app.resolve(".berth/app.yaml")).doesNotExist();
  }

  @Test
  void memoryTooSmallForTheJvm_isRefused() {
    Path app = Samples.l1DistJdk7(tmp);

    int code = run("init", app.toString(), "--image", IMAGE, "--memory", "256Mi");

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).startsWith("ERROR memory 256Mi is too small for this JVM app");
  }

  @Test
  void nameFromImage_isTheRepositoryName() {
    assertThat(InitCommand.nameFromImage("registry:5000/team/billing:1.4")).isEqualTo("billing");
    assertThat(InitCommand.nameFromImage("billing@sha256:" + "a".repeat(64))).isEqualTo("billing");
    assertThat(InitCommand.nameFromImage("Shop_Web")).isEqualTo("shop-web");
  }
}
