package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JvmSizeCommandTest extends CliHarness {


  @Test
  void limitPrintsFlagsAndEveryTerm() {
    int code = run("jvm-size", "--limit", "1Gi", "--jdk", "17.0.15", "--loaded-classes", "15000", "--threads", "200");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("heap 623Mi (SerialGC)", "-Xmx623m", "-XX:MaxMetaspaceSize=97m", "env JAVA_TOOL_OPTIONS=-Xmx623m",
            "env MALLOC_ARENA_MAX=2", "stacks", "headroom", "total         1024Mi");
  }

  @Test
  void xmxPrintsTheLimit() {
    int code = run("jvm-size", "--xmx", "1024m", "--jdk", "17.0.15", "--loaded-classes", "15000", "--threads", "200");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("needs memory request = limit = 1472Mi");
  }

  @Test
  void jsonIsMachineReadable() throws Exception {
    int code = run("jvm-size", "--limit", "2Gi", "--jdk", "1.8.0_181", "--json", "--override-command-line");
    assertThat(code).isZero();
    JsonNode body = new ObjectMapper().readTree(out.toString());
    assertThat(body.get("gc").asText()).isEqualTo("ParallelGC"); // 8u181 sees the host, a server-class machine
    assertThat(body.get("env").get("_JAVA_OPTIONS").asText()).startsWith("-Xmx");
    assertThat(body.get("flags").toString()).contains("-XX:ParallelGCThreads=2").doesNotContain("ActiveProcessorCount");
  }

  @Test
  void tooSmallExitsOneWithTheBreakdown() {
    int code = run("jvm-size", "--limit", "320Mi", "--jdk", "17", "--loaded-classes", "15000", "--threads", "200");
    assertThat(code).isEqualTo(JvmSizeCommand.TOO_SMALL);
    assertThat(err.toString()).contains("smallest limit that works: 384Mi", "216 threads");
  }

  @Test
  void badInputNamesTheOption() {
    assertThat(run("jvm-size", "--limit", "lots", "--jdk", "17")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--limit 'lots' is not a memory size");
    assertThat(run("jvm-size", "--limit", "1Gi")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("pass --jdk");
  }
}
