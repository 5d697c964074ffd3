package dev.berth.runtime.cli;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.deploy.AppSpecDraft;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth init PATH --image IMG}: detects the app in PATH and writes a first app spec drafted from what
 * detection found ({@link AppSpecDraft}), ready to edit and pass to {@code berth apply -f}.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Draft an app spec from detection: memory from the start script's -Xmx (or a per-stack default), JVM facts,",
      "port and health check, each written with its reason. Writes PATH/.berth/app.yaml unless -o says where;",
      "an existing file is kept unless --force.",
      "",
      "Exit codes: 0 written; 2 bad arguments or the file exists; 3-8 detection failed (as berth detect)."
    })
public final class InitCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "The app's folder")
  Path path;

  @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image to run, e.g."
      + " registry:5000/billing:1.4")
  String image;

  @Option(names = "--name", paramLabel = "N", description = "The app's name (default: the image's repository name)")
  String name;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = "default",
      description = "The app's namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--replicas", paramLabel = "N", description = "Replicas (default 1)")
  Integer replicas;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory per replica, e.g. 512Mi (default: from"
      + " the -Xmx or the stack)")
  String memory;

  @Option(names = "--cpu", paramLabel = "CPU", description = "CPU per replica, e.g. 500m")
  String cpu;

  @Option(names = "--target", paramLabel = "TARGET", description = "berth (default) or kubernetes")
  String target;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the spec (default:"
      + " PATH/.berth/app.yaml)")
  Path output;

  @Option(names = "--force", description = "Overwrite an existing spec file")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(path)) {
      err.println("ERROR " + path + " is not a folder; pass the app's folder, e.g. berth init dist --image IMG");
      return CommandLine.ExitCode.USAGE;
    }
    Path file = output != null ? output : path.resolve(".berth").resolve("app.yaml");
    if (Files.exists(file) && !force) {
      err.println("ERROR " + file + " exists; berth init keeps it. Edit it, or pass --force to draft it again");
      return CommandLine.ExitCode.USAGE;
    }
    String app = name != null ? name : nameFromImage(image);
    AppFacts facts;
    DetectReport report;
    report = detectForDraft(path, "a spec", err);
    if (report.outcome() != DetectReport.Outcome.OK) {
      return report.exitCode();
    }
    facts = FactLabels.fromLabels(report.labels());
    AppSpecDraft draft;
    try {
      draft = AppSpecDraft.draft(app, namespace, image, facts,
          new AppSpecDraft.Overrides(replicas, memory, cpu, target));
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, draft.yaml(), StandardCharsets.UTF_8);
    out.println("wrote " + file + " (drafted from detection: " + report.stack()
        + (report.confidence() == DetectReport.Confidence.LOW ? ", LOW confidence: check it" : "") + ")");
    out.println("  " + draft.summary());
    out.println("edit it, then: berth apply -f " + file + " --wait");
    return 0;
  }

  /**
   * Detects the app in {@code path} for a draft, LOW confidence accepted; a failed detection is one line on
   * {@code err} naming the outcome and the fix (the report's exit code is the command's).
   */
  static DetectReport detectForDraft(Path path, String drafting, PrintWriter err) {
    try (Detection detection = ImageBuilder.detect(path, DetectOptions.none().withFailOnLowConfidence(false))) {
      DetectReport report = detection.report();
      if (report.outcome() != DetectReport.Outcome.OK) {
        DetectReport.Problem p = report.error();
        err.println("ERROR cannot draft " + drafting + ": detection in " + path + " failed [" + report.outcome()
            + "] " + (p == null ? "" : p.headline() + "; fix: " + p.fix()) + " (berth detect " + path
            + " shows why)");
      }
      return report;
    }
  }

  /** {@code registry:5000/team/billing:1.4} or {@code …/billing@sha256:…} → {@code billing}. */
  static String nameFromImage(String image) {
    String repository = image.replaceFirst("@.*$", "");
    int slash = repository.lastIndexOf('/');
    String last = repository.substring(slash + 1);
    int colon = last.indexOf(':');
    String base = (colon < 0 ? last : last.substring(0, colon)).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]", "-").replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
    if (base.length() > 40) {
      base = base.substring(0, 40).replaceAll("-+$", "");
    }
    if (base.isEmpty()) {
      throw new IllegalArgumentException("cannot name the app after image " + image + "; pass --name");
    }
    return base;
  }
}
