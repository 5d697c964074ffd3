package dev.berth.runtime.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Base of the CLI tests: runs {@code berth} in-process and keeps what it printed to stdout and stderr. */
abstract class CliHarness {

  protected final StringWriter out = new StringWriter();
  protected final StringWriter err = new StringWriter();

  /** Runs {@code berth ARGS} and returns its exit code. */
  protected int run(String... args) {
    CommandLine cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
