package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.base.BaseImageResult;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.runtime.agent.docker.ContainerMeasurer;
import dev.berth.runtime.agent.docker.MemoryRun;
import dev.berth.runtime.agent.docker.MemoryRunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill Berth exists to avoid: a 320 MiB container whose app fills direct memory. With {@code -Xmx} = limit the
 * kernel kills it (exit 137, no diagnostics); with Berth's flags it ends in an OutOfMemoryError that names the
 * region.
 */
@ExtendWith(DockerEngine.class)
class OomKillAvoidedIT {

  static final long MIB = 1L << 20;
  static final long LIMIT = 320 * MIB;

  @TempDir static Path app;
  static BaseImageResult base;

  @BeforeAll
  static void prepare() throws Exception {
    base = BaseImages.shared().ensure("jre-17");
    WorkloadProgram.compile(app);
  }

  private MemoryRunResult fillDirect(Map<String, String> env) throws Exception {
    try (ContainerMeasurer engine = ContainerMeasurer.local()) {
      return engine.run(new MemoryRun(base.tag(), List.of("java"), List.of("-cp", "/app", "Workload", "direct", "2048"),
          env, LIMIT, 0, Map.of(app.toString(), "/app"), Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()),
          Duration.ofSeconds(120), List.of()));
    }
  }

  @Test
  void naiveXmxIsKilledWhereBerthEndsInADirectMemoryError() throws Exception {
    MemoryRunResult naive = fillDirect(Map.of("JAVA_TOOL_OPTIONS", "-Xmx320m"));
    assertThat(naive.killed()).as("-Xmx = limit: " + naive.logs()).isTrue();

    SizingFacts facts = SizingFacts.from(null, 0).withVersion(JvmVersion.parse(base.runtimeVersion()))
        .withThreads(20, FactSource.DECLARED).withClasses(3000, FactSource.DECLARED);
    JvmSettings berth = JvmSizing.settings(LIMIT, facts, Injection.TOOL_OPTIONS);
    MemoryRunResult sized = fillDirect(berth.env());
    assertThat(sized.oomKilled()).as(sized.logs()).isFalse();
    assertThat(sized.exitCode()).isNotZero();
    assertThat(sized.logs()).contains("OutOfMemoryError", "direct buffer memory");
  }
}
