package dev.berth.runtime.cli;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.report.DetectReportJson;
import dev.berth.imagebuilder.report.DetectReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth detect}: what an app is and how it starts (DETECTION.md §2), as text or {@code detect-report.json},
 * with the exit codes of §2.8.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Detect an app's stack, artifact, JDK, start command, server, port and layers.",
      "PATH is a folder or a jar, war, zip or tar.gz. Under a folder the report is written to",
      ".berth/detect-report.json; --json prints it to stdout instead of the summary.",
      "",
      "Exit codes: 0 ok; 1 internal error; 2 bad arguments; 3 unknown stack; 4 ambiguous; 5 unsupported;",
      "6 invalid override; 7 low confidence; 8 incomplete input (not built, missing or corrupt files)."
    })
public final class DetectCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "The app's folder, or its jar/war/zip/tar.gz")
  Path path;

  @Option(names = "--json", description = "Print detect-report.json (schema berth.detect/v1) to stdout")
  boolean json;

  @Option(names = "--artifact", paramLabel = "P", description = "The jar or war to use, relative to PATH")
  String artifact;

  @Option(names = "--stack", paramLabel = "S", description = "Expected stack: jvm-jar, jvm-boot, jvm-war, jvm-dist,"
      + " node, python, go, static (contradicting evidence is exit 6)")
  String stack;

  @Option(names = "--jdk", paramLabel = "N", description = "Pin the runtime Java release (e.g. 17)")
  Integer jdk;

  @Option(names = "--module", paramLabel = "M", description = "The Maven/Gradle module folder to detect in")
  String module;

  @Option(names = "--server", paramLabel = "S", description = "Servlet container for a WAR: tomcat9, tomcat10.1,"
      + " tomcat11")
  String server;

  @Option(names = "--no-fail-on-low-confidence", description = "Accept LOW confidence (exit 0 instead of 7)")
  boolean acceptLow;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DetectOptions options = new DetectOptions(artifact, stack, jdk, module, server, !acceptLow, "cli");
    try (Detection detection = ImageBuilder.detect(path, options)) {
      DetectReport report = detection.report();
      String written = null;
      if (Files.isDirectory(path) && report.outcome() != DetectReport.Outcome.USAGE) {
        Path file = path.resolve(".berth").resolve("detect-report.json");
        DetectReportJson.write(report, file);
        written = file.toString();
      }
      if (json) {
        out.print(DetectReportJson.write(report));
        out.flush();
      } else if (report.outcome() == DetectReport.Outcome.OK) {
        out.print(DetectReportText.summary(report));
        if (written != null) {
          out.println("  report:     " + written);
        }
        out.flush();
      }
      if (report.outcome() != DetectReport.Outcome.OK) {
        err.print(DetectReportText.error(report, written));
        err.flush();
      }
      return report.exitCode();
    }
  }
}
