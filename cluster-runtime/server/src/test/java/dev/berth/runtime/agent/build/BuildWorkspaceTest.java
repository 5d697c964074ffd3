package dev.berth.runtime.agent.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a build job's node prepares before the builder runs: the class path it mounts and the unpacked context. */
class BuildWorkspaceTest {

  @TempDir Path dir;

  @Test
  void manifestOnlyBooterJar_isReplacedByItsClassPath_otherEntriesKept() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path lib = Files.writeString(dir.resolve("lib.jar"), "not really a jar, but an entry");
    Path booter = dir.resolve("surefirebooter1.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri() + " lib.jar missing.jar");
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(booter), manifest)) {
      // Manifest only.
    }
    Path other = dir.resolve("other");
    Files.createDirectories(other);

    assertThat(BuilderClasspath.of(booter + File.pathSeparator + other + File.pathSeparator + dir.resolve("gone")))
        .containsExactly(classes, lib, other);
  }

  @Test
  void contextUnpacksWithModes_andEntriesLeavingTheFolderAreRefused() throws IOException {
    Path good = tarGz("good.tar.gz", "Dockerfile", "FROM x\n", "bin/start.sh", "#!/bin/sh\n");
    assertThat(ContextArchive.unpack(good, dir.resolve("ctx"))).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("ctx/Dockerfile"))).isEqualTo("FROM x\n");
    assertThat(Files.isExecutable(dir.resolve("ctx/bin/start.sh"))).isTrue();

    Path evil = tarGz("evil.tar.gz", "../escape.txt", "boo");
    assertThatThrownBy(() -> ContextArchive.unpack(evil, dir.resolve("ctx2")))
        .isInstanceOf(IOException.class).hasMessageContaining("../escape.txt");
    assertThat(dir.resolve("escape.txt")).doesNotExist();

    Path notGzip = Files.writeString(dir.resolve("plain.tar.gz"), "plain text");
    assertThatThrownBy(() -> ContextArchive.unpack(notGzip, dir.resolve("ctx3"))).isInstanceOf(IOException.class);
  }

  @Test
  void contextUnpackingToMoreThanTheLimit_isRefused() throws IOException {
    Path zeros = tarGz("zeros.tar.gz", "Dockerfile", "FROM x\n", "big.bin", "\0".repeat(2 << 20));
    assertThat(Files.size(zeros)).as("compresses well").isLessThan(64 * 1024);

    assertThatThrownBy(() -> ContextArchive.unpack(zeros, dir.resolve("small"), 1 << 20))
        .isInstanceOf(IOException.class).hasMessageContaining("unpacks to more than 1 MiB")
        .hasMessageContaining(".dockerignore");
    assertThat(dir.resolve("small/big.bin")).doesNotExist();
    assertThat(ContextArchive.unpack(zeros, dir.resolve("large"), 4 << 20)).isEqualTo(2);
  }

  @Test
  void aLinkChainLeadingOutOfTheContextIsRefused_andNothingLandsOutside() throws IOException {
    // Each link alone points inside by name, but a/up/up2 is created through a/up, so on disk it leads above ctx.
    Path out = dir.resolve("chain.tar.gz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(out)))) {
      link(tar, "a/up", "..");
      link(tar, "a/up/up2", "..");
      TarArchiveEntry file = new TarArchiveEntry("a/up/up2/escape.txt");
      byte[] bytes = "boo".getBytes(StandardCharsets.UTF_8);
      file.setSize(bytes.length);
      tar.putArchiveEntry(file);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }

    assertThatThrownBy(() -> ContextArchive.unpack(out, dir.resolve("ctx")))
        .isInstanceOf(IOException.class).hasMessageContaining("a/up/up2").hasMessageContaining("runs through the link");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }

  @Test
  void aLinkWhoseTargetGoesUpThroughAnotherLinkIsRefused() throws IOException {
    // By name a/up2 -> up/.. is a/; on disk up leads to ctx, so up/.. is the folder above ctx.
    Path out = dir.resolve("through.tar.gz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(out)))) {
      link(tar, "a/up", "..");
      link(tar, "a/up2", "up/..");
    }

    assertThatThrownBy(() -> ContextArchive.unpack(out, dir.resolve("ctx")))
        .isInstanceOf(IOException.class).hasMessageContaining("link a/up2 points outside the context");
    assertThat(dir.resolve("ctx/a/up2")).doesNotExist();
  }

  @Test
  void linksInsideTheContextStillUnpack() throws IOException {
    Path out = dir.resolve("links.tar.gz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(out)))) {
      link(tar, "lib/current", "../dist");
      link(tar, "lib/same", "./current");
      link(tar, "bin/java", "../lib/current");
    }
    ContextArchive.unpack(out, dir.resolve("ctx"));
    assertThat(Files.readSymbolicLink(dir.resolve("ctx/lib/current"))).isEqualTo(Path.of("../dist"));
    assertThat(Files.readSymbolicLink(dir.resolve("ctx/lib/same"))).isEqualTo(Path.of("./current"));
    assertThat(Files.readSymbolicLink(dir.resolve("ctx/bin/java"))).isEqualTo(Path.of("../lib/current"));

    Path outside = dir.resolve("outside.tar.gz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(outside)))) {
      link(tar, "etc", "/etc");
    }
    assertThatThrownBy(() -> ContextArchive.unpack(outside, dir.resolve("ctx2")))
        .isInstanceOf(IOException.class).hasMessageContaining("link etc points outside the context");
  }

  private static void link(TarArchiveOutputStream tar, String name, String target) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  @Test
  void fromImagesOfEveryStage() throws IOException {
    Path dockerfile = Files.writeString(dir.resolve("Dockerfile"),
        "FROM --platform=linux/amd64 berth/jre:17-debian AS build\nRUN true\nfrom berth/jre:17\n");
    assertThat(BuildJobRunner.fromImages(dockerfile)).containsExactly("berth/jre:17-debian", "berth/jre:17");
  }

  /** A tar.gz of name/content pairs; names ending in .sh are executable. */
  private Path tarGz(String file, String... entries) throws IOException {
    Path out = dir.resolve(file);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(out)))) {
      for (int i = 0; i < entries.length; i += 2) {
        byte[] bytes = entries[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(entries[i]);
        e.setSize(bytes.length);
        e.setMode(entries[i].endsWith(".sh") ? 0100755 : 0100644);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return out;
  }
}
