package dev.berth.runtime.cli;

import dev.berth.runtime.deploy.DeployException;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import java.io.PrintWriter;

/** One deploy through a {@link DeployTarget}, printed the same way for every target; returns the exit code. */
final class DeployRun {

  private DeployRun() {}

  static int run(DeployTarget target, DeployRequest request, PrintWriter out, PrintWriter err) {
    DeployOutcome outcome;
    try {
      outcome = target.deploy(request, line -> {
        out.println(line);
        out.flush();
      });
    } catch (DeployException e) {
      err.println("ERROR " + e.getMessage());
      return 1;
    }
    switch (outcome.phase()) {
      case APPLIED -> out.println("app " + outcome.app() + " applied on " + target.name());
      case COMPLETE ->
          out.println("app " + outcome.app() + " ready " + outcome.ready() + "/" + outcome.desired() + " on "
              + target.name());
      case FAILED -> {
        err.println("ERROR rollout of " + outcome.app() + " failed on " + target.name() + ": " + outcome.message());
        outcome.diagnostics().forEach(line -> err.println("  " + line));
        if (outcome.rolledBack()) {
          err.println("  rolled back to the previous revision");
        }
      }
      case TIMED_OUT ->
          err.println("ERROR " + outcome.app() + ": " + outcome.message() + " (ready " + outcome.ready() + "/"
              + outcome.desired() + "; raise --timeout to wait longer)");
    }
    out.flush();
    err.flush();
    return outcome.failed() ? 1 : 0;
  }
}
