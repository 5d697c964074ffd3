package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.base.BaseImageResult;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.agent.docker.ContainerMeasurer;
import dev.berth.runtime.agent.docker.MemoryRun;
import dev.berth.runtime.agent.docker.MemoryRunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Berth's flags against a start script that passes its own {@code -Xmx} (JVM-SIZING.md §4.6), on the real engine. */
@ExtendWith(DockerEngine.class)
class InjectionIT {

  static final long MIB = 1L << 20;
  static final String SCRIPT = "#!/bin/sh\nexec java -Xmx400m -XX:MaxDirectMemorySize=1g -cp /app Workload flags\n";

  @TempDir static Path app;
  static BaseImageResult base;

  @BeforeAll
  static void prepare() throws Exception {
    base = BaseImages.shared().ensure("jre-17-shell");
    WorkloadProgram.compile(app);
    Path script = Files.writeString(app.resolve("start.sh"), SCRIPT);
    script.toFile().setExecutable(true, false);
    script.toFile().setReadable(true, false);
  }

  private MemoryRunResult run(Map<String, String> env) throws Exception {
    try (ContainerMeasurer engine = ContainerMeasurer.local()) {
      return engine.run(new MemoryRun(base.tag(), List.of("/app/start.sh"), List.of(), env, 512 * MIB, 0,
          Map.of(app.toString(), "/app"), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()),
          Duration.ofSeconds(60), List.of()));
    }
  }

  private SizingFacts facts() {
    return SizingFacts.from(null, 0).withVersion(JvmVersion.parse(base.runtimeVersion()))
        .withThreads(20, FactSource.DECLARED).withClasses(3000, FactSource.DECLARED);
  }

  @Test
  void overrideModeBeatsTheScriptsOwnXmxAndDirectCap() throws Exception {
    JvmSettings settings = JvmSizing.settings(512 * MIB, facts(), Injection.OVERRIDE_COMMAND_LINE);
    MemoryRunResult result = run(settings.env());
    assertThat(result.exitCode()).as(result.logs()).isZero();
    assertThat(result.logs()).contains("MaxDirectMemorySize=" + settings.budget().term("direct"));
    java.util.regex.Matcher heap = java.util.regex.Pattern.compile("MaxHeapSize=(\\d+)").matcher(result.logs());
    assertThat(heap.find()).isTrue();
    // HotSpot rounds -Xmx up to its heap alignment (up to 2 MiB for Serial at this size); 400 MiB is the script's.
    assertThat(Long.parseLong(heap.group(1)))
        .isBetween(settings.budget().xmxBytes(), settings.budget().xmxBytes() + 2 * MIB - 1);
  }

  @Test
  void toolOptionsAloneLoseToTheScript_whichIsWhyOverrideModeExists() throws Exception {
    JvmSettings settings = JvmSizing.settings(512 * MIB, facts(), Injection.TOOL_OPTIONS);
    MemoryRunResult result = run(settings.env());
    assertThat(result.exitCode()).as(result.logs()).isZero();
    assertThat(result.logs()).contains("MaxHeapSize=" + 400 * MIB, "Picked up JAVA_TOOL_OPTIONS");
  }
}
