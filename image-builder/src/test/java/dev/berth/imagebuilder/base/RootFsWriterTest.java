package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFsWriterTest {

  @TempDir Path tmp;

  @Test
  void tree_keepsModesAndSymlinks_createsParents_andAppliesOwners() throws IOException {
    Path jre = Files.createDirectories(tmp.resolve("jre/bin"));
    Files.writeString(jre.resolve("java"), "#!");
    Files.setPosixFilePermissions(jre.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(tmp.resolve("jre/java-link"), Path.of("bin/java"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RootFsWriter w = new RootFsWriter(out)) {
      w.directory("/app", 0775, RootFsWriter.Owner.APP);
      w.tree(tmp.resolve("jre"), "/opt/java/openjdk", rel -> RootFsWriter.Owner.ROOT);
    }
    Map<String, TarArchiveEntry> entries = entries(out.toByteArray());
    assertThat(entries).containsKeys("opt/", "opt/java/", "opt/java/openjdk/", "opt/java/openjdk/bin/java");
    assertThat(entries.get("app/").getLongUserId()).isEqualTo(10001);
    assertThat(entries.get("app/").getMode() & 07777).isEqualTo(0775);
    assertThat(entries.get("opt/java/openjdk/bin/java").getMode() & 0777).isEqualTo(0755);
    assertThat(entries.get("opt/java/openjdk/java-link").isSymbolicLink()).isTrue();
    assertThat(entries.get("opt/java/openjdk/java-link").getLinkName()).isEqualTo("bin/java");
  }

  @Test
  void directoryExact_afterTheSameDirectory_writesItOnce() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RootFsWriter w = new RootFsWriter(out)) {
      w.directoryExact("/usr/local/tomcat/logs", 0775, RootFsWriter.Owner.APP);
      w.directoryExact("/usr/local/tomcat/logs", 0755, RootFsWriter.Owner.ROOT);
    }
    long logs =
        entries(out.toByteArray()).keySet().stream().filter(n -> n.equals("usr/local/tomcat/logs/")).count();
    assertThat(logs).isEqualTo(1);
  }

  @Test
  void file_writtenTwice_isRejected_becauseTheEngineRejectsDuplicates() throws IOException {
    try (RootFsWriter w = new RootFsWriter(new ByteArrayOutputStream())) {
      w.file("/etc/passwd", "a", 0644);
      assertThatThrownBy(() -> w.file("/etc/passwd", "b", 0644)).hasMessageContaining("etc/passwd");
    }
  }

  @Test
  void write_leavesTheFinishedTar_andNoPartialFile() throws Exception {
    Path tar = tmp.resolve("rootfs.tar");
    RootFsWriter.write(tar, w -> w.file("/etc/hostname", "berth\n", 0644));
    assertThat(entries(Files.readAllBytes(tar))).containsKeys("etc/", "etc/hostname");
    assertThat(tmp.resolve("rootfs.tar.tmp")).doesNotExist();
  }

  @Test
  void write_thatFails_leavesNoTar() {
    Path tar = tmp.resolve("rootfs.tar");
    assertThatThrownBy(() -> RootFsWriter.write(tar, w -> { throw new IOException("disk full"); }))
        .isInstanceOf(BaseImageException.class)
        .hasMessageContaining("disk full");
    assertThat(tar).doesNotExist();
  }

  private static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }
}
