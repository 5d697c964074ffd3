package dev.berth.runtime.sizing;

import static dev.berth.runtime.sizing.HeapSizerTest.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.facts.AppFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmSizingTest {

  static AppFacts berthBuilt() {
    return new AppFacts("jvm-dist", 8, 17, "17.0.15", 412, 50, List.of(), "1024m", 8080, null, List.of());
  }

  @Test
  void berthBuiltImagesGetEverythingInJavaToolOptions() throws Exception {
    JvmSettings settings = JvmSizing.forContainer(512 * MIB, berthBuilt());
    assertThat(settings.env()).containsOnlyKeys("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
    assertThat(settings.env().get("JAVA_TOOL_OPTIONS")).isEqualTo(String.join(" ", settings.flags()));
    assertThat(settings.env()).containsEntry("MALLOC_ARENA_MAX", "2");
  }

  @Test
  void foreignImagesGetMemoryFlagsInJavaOptionsSoTheyBeatTheCommandLine() throws Exception {
    AppFacts foreign = new AppFacts(null, null, 17, "17.0.15", null, null, List.of(), null, null, null, List.of());
    JvmSettings settings = JvmSizing.forContainer(1024 * MIB, foreign);
    assertThat(settings.env().get("_JAVA_OPTIONS"))
        .startsWith("-Xmx").contains("-XX:MaxMetaspaceSize=", "-XX:MaxDirectMemorySize=")
        .doesNotContain("ExitOnOutOfMemoryError");
    assertThat(settings.env().get("JAVA_TOOL_OPTIONS"))
        .contains("-XX:+ExitOnOutOfMemoryError", "-XX:ActiveProcessorCount=2").doesNotContain("-Xmx");
  }

  @Test
  void labelsEstimateLoadedClassesFromClassEntries() {
    SizingFacts facts = SizingFacts.from(berthBuilt(), 0);
    assertThat(facts.loadedClasses()).isEqualTo((int) Math.ceil(0.35 * (26_588 + 412)));
    assertThat(facts.classesSource()).isEqualTo(FactSource.ESTIMATED);
    assertThat(facts.threads()).isEqualTo(50);
    assertThat(facts.legacyXmxBytes()).isEqualTo(1024 * MIB);
    assertThat(SizingFacts.from(AppFacts.none(), 0).threadsSource()).isEqualTo(FactSource.DEFAULT);
  }

  @Test
  void cpuLimitRoundsUpToWholeCpus() throws Exception {
    JvmSettings settings = JvmSizing.forContainer(1024 * MIB, 2500, berthBuilt());
    assertThat(settings.flags()).contains("-XX:ActiveProcessorCount=3");
  }
}
