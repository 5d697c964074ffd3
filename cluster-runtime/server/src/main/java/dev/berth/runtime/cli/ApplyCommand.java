package dev.berth.runtime.cli;

import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.DurationText;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.deploy.DeployRequest;
import dev.berth.runtime.deploy.DeployTarget;
import dev.berth.runtime.kubernetes.KubernetesTarget;
import dev.berth.runtime.kubernetes.RenderOptions;
import dev.berth.runtime.targets.DeployTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth apply -f app.yaml [--wait]}: creates or updates an app on its target (the bundled runtime or
 * Kubernetes) through that target's {@link DeployTarget}; with --wait, shows the rollout live.
 */
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
      description = "Where the app runs: berth (the bundled runtime) or kubernetes (the kubeconfig's cluster);"
          + " overrides the spec's target (default: the spec's target, else berth)")
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
    String chosen;
    try {
      chosen = DeployTargets.choose(target, spec);
    } catch (IllegalArgumentException e) {
      err().println("ERROR --target: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    // The bundled runtime's nodes read the labels themselves; on Kubernetes unread facts mean an unsized JVM.
    AppSpec withFacts = ImageLabelFacts.fill(spec, why -> {
      if (chosen.equals(KubernetesTarget.NAME)) {
        err().println("warning: " + why + "; the JVM runs unsized on Kubernetes: add jvm.facts to the spec"
            + " (berth init drafts them) or push the image Berth built");
      }
    });
    // Send the user's own text unless the image's labels added facts: their comments and order stay as written.
    DeployRequest request =
        new DeployRequest(withFacts, withFacts == spec ? text : null, waitForRollout, limit, rollbackOnFailure);
    RenderOptions options;
    try {
      // The Kubernetes flags matter on Kubernetes only; a bad one is not an error for the bundled runtime.
      options = chosen.equals(KubernetesTarget.NAME) ? kubernetes.renderOptions() : RenderOptions.defaults();
    } catch (IllegalArgumentException e) {
      err().println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    try (DeployTarget deployTarget = DeployTargets.standard(cluster::client, options).open(chosen)) {
      return DeployRun.run(deployTarget, request, out(), err());
    }
  }
}
