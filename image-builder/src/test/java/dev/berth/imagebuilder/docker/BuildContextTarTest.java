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
}
