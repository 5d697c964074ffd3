package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.deploy.DeployException;
import dev.berth.runtime.deploy.DeployOutcome;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import dev.berth.runtime.kubernetes.KubernetesTarget;
import java.io.PrintWriter;
import picocli.CommandLine;

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
      err.flush();
      // The master refusing the spec is the user's input error, as for every other cluster command.
      return e.getCause() instanceof BerthApiException api && (api.status() == 422 || api.status() == 400)
          ? CommandLine.ExitCode.USAGE : 1;
    }
    switch (outcome.phase()) {
      case APPLIED -> out.println("app " + outcome.app() + " applied on " + target.name());
      case COMPLETE ->
          out.println("app " + outcome.app() + " ready " + outcome.ready() + "/" + outcome.desired() + " on "
              + target.name());
      case FAILED -> {
        err.println("ERROR rollout of " + outcome.app() + " revision " + outcome.revision() + " failed on "
            + target.name() + ": " + outcome.message());
        outcome.diagnostics().forEach(line -> err.println("  " + line));
        if (outcome.rolledBack()) {
          err.println("  rolled back to the previous revision");
        }
        err.println("  see: " + describeCommand(target, outcome.app()));
      }
      case TIMED_OUT ->
          err.println("ERROR " + outcome.app() + ": " + outcome.message() + " (ready " + outcome.ready() + "/"
              + outcome.desired() + "; raise --timeout to wait longer): " + describeCommand(target, outcome.app()));
    }
    out.flush();
    err.flush();
    return outcome.failed() ? 1 : 0;
  }

  /** The command that shows the app's state on its target. */
  private static String describeCommand(DeployTarget target, String key) {
    String namespace = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    if (target.name().equals(KubernetesTarget.NAME)) {
      return "kubectl -n " + namespace + " describe deployment " + name;
    }
    return "berth describe " + name + (namespace.equals("default") ? "" : " -n " + namespace);
  }
}
