package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth build --cluster} and {@code --dockerfile}: the bad inputs the CLI refuses before any build. */
class BuildCommandClusterTest extends CliHarness {

  @TempDir Path tmp;

  @Test
  void clusterBuildCannotGoWithJibOrATarTarget() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    assertThat(run("build", app.toString(), "-t", "shop:1", "--cluster", "--jib")).isEqualTo(2);
    assertThat(err.toString()).contains("--cluster").contains("--jib");
  }

  @Test
  void dockerfileModeNeedsADockerfileAtTheRoot() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    assertThat(run("build", app.toString(), "-t", "shop:1", "--dockerfile")).isEqualTo(2);
    assertThat(err.toString()).contains("PATH must be a folder holding a Dockerfile");
  }

  @Test
  void dockerfileModeOnTheClusterNeedsADockerfileToo_insteadOfTheNodeRenderingOne() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    assertThat(run("build", app.toString(), "-t", "shop:1", "--cluster", "--dockerfile", "--master",
        "http://127.0.0.1:1", "--token", "t")).isEqualTo(2);
    assertThat(err.toString()).contains("PATH must be a folder holding a Dockerfile");
    assertThat(out.toString()).doesNotContain("==> Sending");
  }

  @Test
  void aDockerignorePatternThatIsNoGlobIsOneLineNamingIt_andTheTemporaryArchiveIsGone() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/jre:17\n");
    Files.writeString(app.resolve(".dockerignore"), "target\n[oops\n");
    long archivesBefore = archives();

    int code = run("build", app.toString(), "-t", "shop:1", "--cluster", "--master", "http://127.0.0.1:1",
        "--token", "t");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("ERROR cannot pack " + app).contains("'[oops'")
        .hasLineCount(1);
    assertThat(archives()).isEqualTo(archivesBefore);
  }

  @Test
  void unreachableMasterIsOneLineWithoutAStackTrace_andTheTemporaryArchiveIsGone() throws Exception {
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/jre:17\n");
    long archivesBefore = archives();

    int code = run("build", app.toString(), "-t", "shop:1", "--cluster", "--master", "http://127.0.0.1:1",
        "--token", "t");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("ERROR cannot reach the master at http://127.0.0.1:1")
        .doesNotContain("Exception\n").doesNotContain("\tat ");
    assertThat(out.toString()).contains("==> Sending " + app);
    assertThat(archives()).isEqualTo(archivesBefore);
  }

  private static long archives() throws Exception {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("berth-context-")).count();
    }
  }
}
