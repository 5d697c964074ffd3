package dev.berth.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line on stderr and exit code 1 (INTERNAL); the stack trace
 * only with {@code BERTH_DEBUG=1}. Expected failures are handled by the commands themselves, with their own codes.
 */
final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cmd.getErr().println("ERROR " + message);
    if ("1".equals(System.getenv("BERTH_DEBUG"))) {
      e.printStackTrace(cmd.getErr());
    }
    return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
  }
}
