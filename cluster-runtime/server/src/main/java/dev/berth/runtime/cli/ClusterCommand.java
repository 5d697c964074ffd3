package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command that talks to the master: turns API errors into one line on stderr and exit code 1. */
abstract class ClusterCommand implements Callable<Integer> {

  @Mixin ClusterOptions cluster;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (BerthApiException e) {
      err().println("ERROR " + e.getMessage());
      return e.status() == 422 || e.status() == 400 ? CommandLine.ExitCode.USAGE : 1;
    }
  }

  abstract int run() throws BerthApiException, Exception;
}
