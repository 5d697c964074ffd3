package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.DurationText;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.api.status.AppStatus;
import dev.berth.runtime.api.status.ApplyResult;
import dev.berth.runtime.api.status.RolloutStatus;
import dev.berth.runtime.deploy.BundledRuntimeTarget;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import dev.berth.runtime.kubernetes.KubernetesTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth apply -f app.yaml [--wait]}: creates or updates an app; with --wait, shows the rollout live. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Create or update an app from a spec file (YAML or JSON); --wait shows the rollout until it ends.")
public final class ApplyCommand extends ClusterCommand {

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The spec file; - reads stdin")
  String file;

  @Option(names = "--wait", description = "Wait for the rollout to complete (or fail), printing its progress")
  boolean waitForRollout;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "How long --wait waits (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      defaultValue = "berth",
      description = "Where the app runs: berth (the bundled runtime) or kubernetes (the kubeconfig's cluster) (default: ${DEFAULT-VALUE})")
  String target;

  @Option(names = "--rollback-on-failure", description = "With --wait: undo a failed rollout to the previous revision")
  boolean rollbackOnFailure;

  @picocli.CommandLine.Mixin KubernetesOptions kubernetes;

  @Override
  int run() throws BerthApiException, Exception {
    String text;
    try {
      text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      err().println("ERROR spec file " + file + " does not exist; pass the path of an app spec (YAML or JSON) with -f");
      return CommandLine.ExitCode.USAGE;
    } catch (IOException e) {
      err().println("ERROR cannot read spec file " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    AppSpec spec;
    try {
      // Checked here too, so a bad file fails before any network call, with the same message the master gives.
      spec = ApiJson.readSpec(text);
    } catch (SpecValidationException e) {
      err().println("ERROR " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    Duration limit = DurationText.parse("--timeout", timeout);
    AppSpec withFacts = ImageLabelFacts.fill(spec);
    if (!target.equals(BundledRuntimeTarget.NAME)) {
      return deployTo(withFacts, withFacts == spec ? text : null, limit);
    }
    BerthClient client = cluster.client();
    // Send the user's own text unless the image's labels added facts: their comments and order stay as written.
    ApplyResult result = client.apply(withFacts == spec ? text : ApiJson.toJson(withFacts));
    out().println("app " + result.app() + " " + result.outcome() + " (revision " + result.revision() + ")");
    out().flush();
    if (!waitForRollout) {
      return 0;
    }
    return follow(client, spec, result.revision(), Instant.now().plus(limit));
  }

  /** Any target but the bundled runtime, through the {@link DeployTarget} every target implements. */
  private int deployTo(AppSpec spec, String text, Duration limit) {
    if (!target.equals(KubernetesTarget.NAME) && !target.equals("k8s")) {
      err().println("ERROR --target " + target + " is not known; use berth or kubernetes");
      return CommandLine.ExitCode.USAGE;
    }
    DeployRequest request = new DeployRequest(spec, text, waitForRollout, limit, rollbackOnFailure);
    try (KubernetesTarget k8s = KubernetesTarget.fromEnvironment(kubernetes.renderOptions())) {
      return DeployRun.run(k8s, request, out(), err());
    } catch (IllegalArgumentException e) {
      err().println("ERROR " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
  }

  private int follow(BerthClient client, AppSpec spec, long revision, Instant until) throws Exception {
    String last = "";
    while (true) {
      AppStatus status = client.app(spec.namespace(), spec.name());
      RolloutStatus r = status.rollout();
      String line =
          String.format(
              "rollout %s: %d/%d ready, %d updated, %d old left - %s",
              r.phase().toLowerCase(), r.ready(), r.desired(), r.updated(), r.oldRemaining(), r.message());
      if (!line.equals(last)) {
        out().println(line);
        out().flush();
        last = line;
      }
      // A scale leaves the phase COMPLETE until the controller's next pass: count the replicas too.
      boolean done = r.finished() && (!RolloutStatus.COMPLETE.equals(r.phase()) || status.ready() == status.desired());
      if (r.revision() >= revision && done) {
        if (RolloutStatus.FAILED.equals(r.phase())) {
          err().println("ERROR rollout of revision " + r.revision() + " failed: " + r.message()
              + "; see berth describe " + spec.name());
          return 1;
        }
        return 0;
      }
      if (Instant.now().isAfter(until)) {
        err().println("ERROR gave up waiting after --timeout " + timeout + "; the rollout goes on: berth describe " + spec.name());
        return 1;
      }
      Thread.sleep(100);
    }
  }
}
