package dev.berth.runtime.cli;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.dockerfile.DockerfileDrift;
import dev.berth.imagebuilder.dockerfile.DockerfileException;
import dev.berth.imagebuilder.dockerfile.GeneratedHeader;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.report.DetectReportJson;
import dev.berth.imagebuilder.report.DetectReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth dockerfile PATH}: writes the editable Dockerfile and a self-contained build context for the app at
 * PATH; {@code --check DIR} tells whether a generated Dockerfile was edited since.
 */
@Command(
    name = "dockerfile",
    mixinStandardHelpOptions = true,
    description = {
      "Write an editable Dockerfile and a self-contained build context for the app at PATH:",
      "Dockerfile, .dockerignore, detect-report.json and context/, so `docker build DIR` works as is.",
      "The output folder is replaced only once everything was written; a hand-edited Dockerfile",
      "in it is kept unless --overwrite is given.",
      "",
      "Exit codes: 0 written; 1 not written; 2 bad arguments; 3-8 detection outcomes as in",
      "`berth detect`. With --check: 0 as generated, 1 edited since, 2 not a Berth Dockerfile."
    })
public final class DockerfileCommand implements Callable<Integer> {

  static final int DRIFT = 1;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "The application: a folder, or with --check the output folder to check")
  Path path;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Output folder (default: PATH/.berth for a folder, .berth beside a file)")
  Path output;

  @Option(
      names = "--base-image",
      paramLabel = "IMAGE",
      description = "FROM this image instead of the catalog's (dockerfile-templates/base-images.yaml)")
  String baseImage;

  @Option(
      names = "--offline",
      description = "FROM the catalog's offline base (built by `berth base-images`) instead of the public one")
  boolean offline;

  @Option(names = "--overwrite", description = "Regenerate the Dockerfile even when it was edited by hand")
  boolean overwrite;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Render from this detect-report.json (e.g. edited) instead of detecting; its layer paths are"
          + " relative to PATH, so PATH must be a folder")
  Path report;

  @Option(names = "--no-fail-on-low-confidence", description = "Accept LOW detection confidence (else exit 7)")
  boolean acceptLow;

  @Option(names = "--check", description = "Check PATH/Dockerfile (or PATH itself) for edits since generation")
  boolean check;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (check) {
      return check(out, err);
    }
    if (!Files.exists(path)) {
      err.println("ERROR " + path + " does not exist; pass the application's folder (or archive) as PATH");
      return CommandLine.ExitCode.USAGE;
    }
    Path dir = output != null ? output
        : Files.isDirectory(path) ? path.resolve(".berth")
        : path.toAbsolutePath().getParent().resolve(".berth");
    RenderOptions options = RenderOptions.into(dir).baseImage(baseImage).offline(offline).overwrite(overwrite);
    if (report == null) {
      DetectOptions detectOptions = DetectOptions.none().withFailOnLowConfidence(!acceptLow);
      try (Detection detection = ImageBuilder.detect(path, detectOptions)) {
        if (detection.report().outcome() != DetectReport.Outcome.OK) {
          err.print(DetectReportText.error(detection.report(), null));
          err.flush();
          return detection.report().exitCode();
        }
        return render(detection, options, out, err);
      }
    }
    DetectReport detected = readReport(report, err);
    if (detected == null) {
      return CommandLine.ExitCode.USAGE;
    }
    if (!Files.isDirectory(path)) {
      err.println("ERROR with --report, PATH must be the folder the report's layer paths are relative to; "
          + path + " is a file");
      return CommandLine.ExitCode.USAGE;
    }
    return render(new Detection(detected, path), options, out, err);
  }

  private int render(Detection detection, RenderOptions options, PrintWriter out, PrintWriter err) {
    DetectReport detected = detection.report();
    if (detected.outcome() != null && detected.outcome() != DetectReport.Outcome.OK) {
      err.println("ERROR [" + detected.outcome() + "] "
          + (detected.error() != null && detected.error().headline() != null ? detected.error().headline()
              : "detection did not succeed") + " (exit " + detected.exitCode() + "); no Dockerfile written");
      return detected.exitCode() == 0 ? CommandLine.ExitCode.SOFTWARE : detected.exitCode();
    }
    try {
      RenderedDockerfile r = ImageBuilder.renderDockerfile(detection, options);
      out.println("Wrote " + r.directory() + " (stack " + r.stack() + ", template " + r.templateId() + ", FROM "
          + r.baseImage() + " = catalog " + r.baseId() + ")");
      if (r.keptEdits()) {
        out.println("  kept the hand-edited Dockerfile; the context was refreshed (--overwrite regenerates it)");
      }
      out.println("  build it: docker build -t IMAGE " + r.directory());
      return CommandLine.ExitCode.OK;
    } catch (DockerfileException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private DetectReport readReport(Path file, PrintWriter err) {
    try {
      return DetectReportJson.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("ERROR cannot read the detect report " + file + ": " + e.getMessage().lines().findFirst()
          .orElse("") + "; pass a detect-report.json written by `berth detect --json`");
      return null;
    }
  }

  private int check(PrintWriter out, PrintWriter err) throws IOException {
    Path dockerfile = Files.isDirectory(path) ? path.resolve("Dockerfile") : path;
    if (!Files.isRegularFile(dockerfile)) {
      err.println("ERROR no Dockerfile at " + dockerfile + "; pass the folder `berth dockerfile` wrote");
      return CommandLine.ExitCode.USAGE;
    }
    String text = Files.readString(dockerfile, StandardCharsets.UTF_8);
    return switch (GeneratedHeader.status(text)) {
      case GENERATED -> {
        out.println(dockerfile + ": as generated (no drift)");
        yield CommandLine.ExitCode.OK;
      }
      case EDITED -> {
        out.println(dockerfile + ": edited since generated (drift); Berth keeps and builds it,"
            + " `berth dockerfile --overwrite` regenerates it");
        Path reportFile = dockerfile.resolveSibling("detect-report.json");
        if (Files.isRegularFile(reportFile)) {
          DetectReport detected = readReport(reportFile, err);
          if (detected != null) {
            for (DockerfileDrift.Finding f : DockerfileDrift.check(text, detected, BaseImageCatalog.load())) {
              (f.error() ? err : out).println((f.error() ? "ERROR " : "WARNING ") + f.message());
            }
          }
        }
        yield DRIFT;
      }
      case NOT_GENERATED -> {
        err.println("ERROR " + dockerfile + " has no `# berth:generated` first line, so Berth cannot tell edits;"
            + " regenerate it with `berth dockerfile --overwrite`");
        yield CommandLine.ExitCode.USAGE;
      }
    };
  }
}
