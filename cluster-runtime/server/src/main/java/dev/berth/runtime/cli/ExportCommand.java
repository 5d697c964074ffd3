package dev.berth.runtime.cli;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import dev.berth.runtime.kubernetes.KubernetesRenderer;
import dev.berth.runtime.kubernetes.ManifestYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth export k8s -f app.yaml [-o DIR]}: writes the Kubernetes manifests of an app spec as YAML. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the manifests an app spec becomes on FORMAT (k8s: Kubernetes YAML), for teams that apply them",
      "with their own tooling. Prints them, or writes DIR/<app>.yaml with -o."
    })
public final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FORMAT", description = "k8s")
  String format;

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The spec file; - reads stdin")
  String file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Write DIR/<app>.yaml instead of printing")
  Path output;

  @Mixin KubernetesOptions kubernetes;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (!format.equals("k8s") && !format.equals("kubernetes")) {
      err.println("ERROR export format " + format + " is not known; use: berth export k8s -f app.yaml");
      return CommandLine.ExitCode.USAGE;
    }
    AppSpec app;
    try {
      String text =
          file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
      app = ApiJson.readSpec(text);
    } catch (NoSuchFileException e) {
      err.println("ERROR spec file " + file + " does not exist; pass the path of an app spec (YAML or JSON) with -f");
      return CommandLine.ExitCode.USAGE;
    } catch (IOException e) {
      err.println("ERROR cannot read spec file " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    } catch (SpecValidationException e) {
      err.println("ERROR " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    String yaml;
    try {
      yaml = ManifestYaml.write(new KubernetesRenderer().render(app, kubernetes.renderOptions()));
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + file + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    if (output == null) {
      out.print(yaml);
      out.flush();
      return 0;
    }
    Path target = output.resolve(app.name() + ".yaml");
    try {
      Files.createDirectories(output);
      Files.writeString(target, yaml);
    } catch (IOException e) {
      err.println("ERROR cannot write " + target + ": " + e.getMessage() + "; pass a writable folder with -o");
      return 1;
    }
    out.println("wrote " + target);
    return 0;
  }
}
