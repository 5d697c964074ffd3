package dev.berth.imagebuilder.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.DetectReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagTranslatorTest {

  @Test
  void removedFlagsDropped_memoryMoved_restKept() {
    TranslatedFlags t = FlagTranslator.translate(List.of("-Xms512m", "-Xmx1g", "-XX:MaxPermSize=256m",
        "-XX:+UseConcMarkSweepGC", "-XX:+CMSClassUnloadingEnabled", "-XX:+UseCGroupMemoryLimitForHeap",
        "-XX:MaxMetaspaceSize=256m", "-Dfoo=bar", "-XX:+UseParallelOldGC", "-XX:+PrintGCDateStamps",
        "-XX:+PrintGCDetails", "-server"), 17, "bin/start.sh");
    assertThat(t.commandLine()).containsExactly("-Dfoo=bar", "-XX:+UseParallelGC", "-server", "-Xlog:gc*");
    assertThat(t.flags().memory()).containsExactly("-Xms512m", "-Xmx1g", "-XX:MaxMetaspaceSize=256m");
    assertThat(t.flags().dropped()).extracting(DetectReport.Dropped::flag).containsExactly(
        "-XX:MaxPermSize=256m", "-XX:+UseConcMarkSweepGC", "-XX:+CMSClassUnloadingEnabled",
        "-XX:+UseCGroupMemoryLimitForHeap", "-XX:+PrintGCDateStamps", "-XX:+PrintGCDetails");
    assertThat(t.flags().translated()).contains(new DetectReport.Translation("-XX:+UseParallelOldGC",
        "-XX:+UseParallelGC"));
    assertThat(t.needsMigration()).isNull();
  }

  @Test
  void endorsedDirs_needMigrationAbove8() {
    assertThat(FlagTranslator.translate(List.of("-Djava.endorsed.dirs=lib/endorsed"), 17, "s").needsMigration())
        .isEqualTo("-Djava.endorsed.dirs=lib/endorsed");
  }

  @Test
  void unknownXxFlag_keptWithWarning() {
    TranslatedFlags t = FlagTranslator.translate(List.of("-XX:+SomethingNew"), 17, "s");
    assertThat(t.commandLine()).containsExactly("-XX:+SomethingNew");
    assertThat(t.warnings()).extracting(DetectReport.Warning::code).containsExactly("FLAG_UNVERIFIED");
  }
}
