package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BaseImagesCommandTest {

  @Test
  void unknownOnlyId_isAUsageError_namingTheIdAndTheKnownOnes() {
    CommandLine cli = BerthCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("base-images", "--only", "jre-8");

    assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("'jre-8'").contains("jre-17").contains("tomcat-10.1").contains("static");
  }

  @Test
  void help_listsOnlyAndList() {
    CommandLine cli = BerthCommand.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("base-images", "--help")).isZero();
    assertThat(out.toString()).contains("--only").contains("--list");
  }
}
