package dev.berth.runtime.sizing;

import static dev.berth.runtime.sizing.HeapSizerTest.MIB;
import static dev.berth.runtime.sizing.HeapSizerTest.springSized;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-JDK table of JVM-SIZING.md §4.5, one row per JDK cell. */
class JvmFlagRulesTest {

  static List<String> flagsFor(String version) throws Exception {
    SizingFacts facts = springSized().withVersion(version == null ? null : JvmVersion.parse(version));
    return JvmFlagRules.flags(HeapSizer.size(2048 * MIB, facts), facts);
  }

  static List<String> names(List<String> flags) {
    return flags.stream().map(f -> f.replaceAll("[=0-9].*$", "").replaceAll("^-Xm[xs].*", "$0")).toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // version  | expected flag names, in order
        "1.7.0_80   | -Xmx,-XX:MaxPermSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:ParallelGCThreads,-XX:CICompilerCount",
        "8u77       | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:ParallelGCThreads,-XX:CICompilerCount",
        "1.8.0_92   | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ParallelGCThreads,-XX:CICompilerCount",
        "8u190      | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ParallelGCThreads,-XX:CICompilerCount",
        "8u191      | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ActiveProcessorCount",
        "1.8.0      | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:ParallelGCThreads,-XX:CICompilerCount",
        "11.0.2     | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ActiveProcessorCount",
        "17.0.15    | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ActiveProcessorCount",
        "21.0.5     | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ActiveProcessorCount",
        "25.0.3     | -Xmx,-XX:MaxMetaspaceSize,-XX:ReservedCodeCacheSize,-XX:MaxDirectMemorySize,-XX:+ExitOnOutOfMemoryError,-XX:ActiveProcessorCount",
      })
  void eachJdkGetsOnlyFlagsItAccepts(String version, String expected) throws Exception {
    List<String> flags = flagsFor(version);
    assertThat(flags.stream().map(f -> f.startsWith("-Xmx") ? "-Xmx" : f.replaceAll("=.*$", "")).toList())
        .containsExactly(expected.split(","));
  }

  @ParameterizedTest
  @CsvSource({"1.7.0_80", "8u77", "8u372", "11.0.2", "17.0.15", "21.0.5", "25.0.3"})
  void neverEmitsFlagsBerthRejects(String version) throws Exception {
    assertThat(String.join(" ", flagsFor(version)))
        .doesNotContain("MaxRAMPercentage", "MaxRAMFraction", "UseContainerSupport", "IgnoreUnrecognizedVMOptions",
            "UseCGroupMemoryLimitForHeap");
  }

  @ParameterizedTest
  @CsvSource({"17.0.15", "25.0.3", "11.0.2"})
  void modernJdksNeverGetPermGen(String version) throws Exception {
    assertThat(String.join(" ", flagsFor(version))).doesNotContain("PermSize");
  }

  @org.junit.jupiter.api.Test
  void unknownJdkGetsOnlyFlagsEveryJdkAccepts() throws Exception {
    assertThat(flagsFor(null).stream().map(f -> f.replaceAll("[=0-9].*$", "")).toList())
        .containsExactly("-Xmx", "-XX:ReservedCodeCacheSize", "-XX:MaxDirectMemorySize", "-XX:ParallelGCThreads",
            "-XX:CICompilerCount");
  }

  @org.junit.jupiter.api.Test
  void valuesComeFromTheBudget() throws Exception {
    SizingFacts facts = springSized().withDirect(0, true).withRuntimeFlags(null, 512 * 1024);
    HeapBudget budget = HeapSizer.size(1024 * MIB, facts);
    assertThat(JvmFlagRules.flags(budget, facts))
        .contains("-Xmx" + budget.xmxBytes() / MIB + "m", "-Xss512k", "-XX:MaxMetaspaceSize=97m",
            "-XX:ReservedCodeCacheSize=118m", "-XX:MaxDirectMemorySize=103m", "-XX:ActiveProcessorCount=2",
            "-Dio.netty.maxDirectMemory=0");
  }
}
