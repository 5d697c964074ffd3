package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTarTest {

  @TempDir Path dir;

  @Test
  void sendsTheDockerfileAndOnlyWhatDockerignoreKeeps() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve(".dockerignore"), "# comment\n*\n!context\ncontext/**/*.tmp\n");
    Files.writeString(dir.resolve("detect-report.json"), "{}");
    Files.createDirectories(dir.resolve("context/app/lib"));
    Files.writeString(dir.resolve("context/app/lib/a.jar"), "jar");
    Files.writeString(dir.resolve("context/app/lib/scratch.tmp"), "tmp");
    Path script = dir.resolve("context/app/start.sh");
    Files.writeString(script, "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));

    List<String> names = new ArrayList<>();
    int scriptMode = -1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextTar.write(dir, out);
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals("context/app/start.sh")) {
          scriptMode = e.getMode() & 0777;
        }
      }
    }

    assertThat(names).contains("Dockerfile", ".dockerignore", "context/", "context/app/lib/a.jar",
        "context/app/start.sh");
    assertThat(names).doesNotContain("detect-report.json", "context/app/lib/scratch.tmp");
    assertThat(scriptMode).isEqualTo(0750);
  }

  @Test
  void withoutDockerignoreEverythingGoes() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("app.jar"), "jar");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextTar.write(dir, out);
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).containsExactly("Dockerfile", "app.jar");
  }

  @Test
  void partialWrite_sendsOnlyTheSourcesWithTheGivenDockerfile() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY context/deps/ /a/\n");
    Files.createDirectories(dir.resolve("context/deps"));
    Files.createDirectories(dir.resolve("context/app"));
    Files.writeString(dir.resolve("context/deps/lib.jar"), "lib");
    Files.writeString(dir.resolve("context/app/app.jar"), "app");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BuildContextTar.write(dir, out, "FROM base\nCOPY context/app/ /a/\n", List.of("context/app"));
    List<String> names = new ArrayList<>();
    String dockerfile = null;
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals("Dockerfile")) {
          dockerfile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    assertThat(names).containsExactly("Dockerfile", "context/", "context/app/", "context/app/app.jar");
    assertThat(dockerfile).isEqualTo("FROM base\nCOPY context/app/ /a/\n");
  }

  @Test
  void digest_changesWithContentAndModeUnderTheSources_notWithTimes() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.createDirectories(dir.resolve("context/deps"));
    Files.createDirectories(dir.resolve("context/app"));
    Path lib = dir.resolve("context/deps/lib.jar");
    Files.writeString(lib, "lib-1");
    Files.writeString(dir.resolve("context/app/app.jar"), "app-1");
    List<String> deps = List.of("context/deps");
    String first = BuildContextTar.digest(dir, deps);

    Files.writeString(dir.resolve("context/app/app.jar"), "app-2");
    Files.writeString(dir.resolve("Dockerfile"), "FROM other\n");
    assertThat(BuildContextTar.digest(dir, deps)).as("app and Dockerfile changes are outside").isEqualTo(first);

    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(lib);
    Files.writeString(lib, "lib-2");
    Files.setLastModifiedTime(lib, time);
    String changedContent = BuildContextTar.digest(dir, deps);
    assertThat(changedContent).isNotEqualTo(first);

    Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(time.toMillis() + 2000));
    assertThat(BuildContextTar.digest(dir, deps)).as("times, as the engine's cache").isEqualTo(changedContent);

    Files.setPosixFilePermissions(lib, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(BuildContextTar.digest(dir, deps)).isNotEqualTo(changedContent);
  }

  @Test
  void badDockerignorePattern_isOneLineNamingTheFileAndLine() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve(".dockerignore"), "*\n!context\ncontext/[oops\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BuildContextTar.write(dir, new ByteArrayOutputStream()))
        .isInstanceOf(dev.berth.imagebuilder.api.DockerignoreException.class)
        .hasMessageContaining(".dockerignore line 3: 'context/[oops' is not a valid pattern")
        .hasMessageEndingWith("; fix or remove it")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
