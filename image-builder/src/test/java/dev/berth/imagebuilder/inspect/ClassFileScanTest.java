package dev.berth.imagebuilder.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.ClassFiles;
import dev.berth.imagebuilder.testing.JarAssembler;
import dev.berth.imagebuilder.testing.SampleCompiler;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFileScanTest {

  @TempDir Path dir;

  @Test
  void maxOverCountedEntries_versionsAndModuleInfoSkipped() throws Exception {
    byte[] c = SampleCompiler.compile(8, Map.of("a.A", "package a; public class A {}")).get("a/A.class");
    Path jar = JarAssembler.create()
        .entry("META-INF/versions/21/a/A.class", ClassFiles.withMajor(c, 65))
        .entry("module-info.class", ClassFiles.withMajor(c, 61))
        .entry("a/A.class", c)
        .entry("b/B.class", ClassFiles.withMajor(c, 55))
        .write(dir.resolve("x.jar"));

    ClassFileScan scan = ClassFileScan.ofJar(jar, "x.jar");

    assertThat(scan.feature()).isEqualTo(11);
    assertThat(scan.classes()).isEqualTo(2);
  }

  @Test
  void featureFromHeader() {
    byte[] c = SampleCompiler.compile(8, Map.of("a.A", "package a; public class A {}")).get("a/A.class");
    assertThat(ClassFileScan.feature(c)).isEqualTo(8);
    assertThat(ClassFileScan.feature(ClassFiles.withMajor(c, 69))).isEqualTo(25);
    assertThat(ClassFileScan.feature(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isNull();
  }
}
