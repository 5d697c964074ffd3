package dev.berth.runtime.cli;

import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.bench.BuildBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth bench-build}: Berth's layered image build against a naive {@code COPY app.jar}, side by side. */
@Command(
    name = "bench-build",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: build a Spring-Boot-shaped fat jar (60 MiB of dependencies) with Berth and with a naive",
      "`COPY app.jar` Dockerfile on the same base, change one class, rebuild both; print first-build and",
      "rebuild times, bytes of the layers the rebuild changed, image sizes, and the ratios.",
      "Needs a Docker engine and berth/jre:17 (berth base-images --only jre-17)."
    })
public final class BenchBuildCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "12 MiB of dependencies and 1 rebuild per side (for CI)")
  boolean quick;

  @Option(names = "--rounds", paramLabel = "N", description = "Rebuilds per side (default 3; 1 with --quick)")
  Integer rounds;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table (Markdown) to FILE")
  Path outFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    long deps = (quick ? 12L : 60L) * 1024 * 1024;
    int n = rounds != null ? rounds : quick ? 1 : 3;
    Path work = Files.createTempDirectory("berth-bench-build");
    try {
      out.println("Building both ways on the local engine…");
      out.flush();
      BuildBenchmark.Result result = new BuildBenchmark(work, deps, n).run(out);
      String table = BuildBenchmark.table(result);
      out.println();
      out.print(table);
      out.flush();
      if (outFile != null) {
        Files.writeString(outFile, table);
      }
      return CommandLine.ExitCode.OK;
    } catch (ImageBuildException e) {
      spec.commandLine().getErr().println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    } finally {
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
