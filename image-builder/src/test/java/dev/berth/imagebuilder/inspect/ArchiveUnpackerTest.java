package dev.berth.imagebuilder.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.testing.JarAssembler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveUnpackerTest {

  @TempDir Path dir;

  @Test
  void parentEntry_refusedAndNothingWrittenOutside() throws Exception {
    Path zip = JarAssembler.create().text("app/ok.txt", "ok").text("../evil.txt", "evil")
        .write(dir.resolve("in/bad.zip"));
    Path into = Files.createDirectories(dir.resolve("out/unpacked"));

    assertThatThrownBy(() -> ArchiveUnpacker.unpack(zip, "bad.zip", into))
        .isInstanceOf(ArchiveException.class).hasMessageContaining("../evil.txt");
    assertThat(dir.resolve("out/evil.txt")).doesNotExist();
  }

  @Test
  void absoluteEntry_refused() throws Exception {
    Path zip = JarAssembler.create().text("/etc/evil", "x").write(dir.resolve("abs.zip"));
    assertThatThrownBy(() -> ArchiveUnpacker.unpack(zip, "abs.zip", Files.createDirectories(dir.resolve("o"))))
        .isInstanceOf(ArchiveException.class).hasMessageContaining("absolute or ../");
  }

  @Test
  void launchScriptPrefixedJar_openedThroughTheCentralDirectory() throws Exception {
    Path jar = JarAssembler.create().prefix("#!/bin/sh\nexec java -jar \"$0\"\n").manifest("Main-Class", "a.B")
        .text("a/B.txt", "x").write(dir.resolve("p.jar"));
    try (Archive a = Archive.open(jar, "p.jar")) {
      assertThat(a.manifest()).containsEntry("Main-Class", "a.B");
      assertThat(a.names()).contains("META-INF/MANIFEST.MF", "a/B.txt");
    }
  }
}
