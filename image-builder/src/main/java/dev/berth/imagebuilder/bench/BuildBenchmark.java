package dev.berth.imagebuilder.bench;

import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.docker.EngineBackend;
import dev.berth.imagebuilder.docker.ImageLayers;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.steps.StepsRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The build benchmark: Berth's layered build of a Spring-Boot-shaped fat jar against a naive {@code COPY app.jar}
 * Dockerfile on the same base, side by side in one run — first build, rebuild after one class changed, bytes of the
 * layers the rebuild changed, and image size. Both build on the same engine with fresh dependency bytes, so
 * neither starts from the other's cache.
 */
public final class BuildBenchmark {

  /** Figures of one way of building. */
  public record Figures(
      String name, double firstSeconds, double rebuildSeconds, long changedBytes, long imageBytes) {}

  /** Both ways' figures. */
  public record Result(Figures berth, Figures naive, long dependencyBytes, int rounds) {

    /** Naive rebuild time ÷ Berth's. */
    public double rebuildSpeedup() {
      return naive.rebuildSeconds() / berth.rebuildSeconds();
    }

    /** Berth's changed-layer bytes as a share of its image. */
    public double berthChangedShare() {
      return (double) berth.changedBytes() / berth.imageBytes();
    }
  }

  private final Path work;
  private final long dependencyBytes;
  private final int rounds;

  /**
   * @param work a folder the benchmark may fill
   * @param dependencyBytes total size of the fat jar's dependencies (the case: 60 MiB)
   * @param rounds rebuilds measured per side (the median is reported)
   */
  public BuildBenchmark(Path work, long dependencyBytes, int rounds) {
    this.work = work;
    this.dependencyBytes = dependencyBytes;
    this.rounds = rounds;
  }

  /**
   * Runs both sides and returns the figures; images it made are removed. The rebuilds alternate (Berth, naive,
   * Berth, …) so both sides see the same machine load, which on a shared 2-core box moves from second to second.
   */
  public Result run(PrintWriter log) throws IOException, ImageBuildException {
    long seed = System.nanoTime();
    BootJarGenerator generator = new BootJarGenerator(dependencyBytes, 30, seed);
    String berthImage = "berth-bench/boot-layered:" + seed;
    String naiveImage = "berth-bench/boot-naive:" + seed;
    try {
      Side berth = berthSide(generator, berthImage);
      Side naive = naiveSide(generator, naiveImage);
      double berthFirst = berth.build(0);
      log.printf("  berth: first build %.2f s%n", berthFirst);
      double naiveFirst = naive.build(0);
      log.printf("  naive: first build %.2f s%n", naiveFirst);
      List<ImageLayers.Layer> berthBefore = ImageLayers.of(berthImage);
      List<ImageLayers.Layer> naiveBefore = ImageLayers.of(naiveImage);
      List<ImageLayers.Layer> berthAfter = berthBefore;
      List<ImageLayers.Layer> naiveAfter = naiveBefore;
      double[] berthRebuilds = new double[rounds];
      double[] naiveRebuilds = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        berthRebuilds[i] = berth.build(i + 1);
        naiveRebuilds[i] = naive.build(i + 1);
        if (i == 0) {
          berthAfter = ImageLayers.of(berthImage);
          naiveAfter = ImageLayers.of(naiveImage);
        }
        log.printf("  rebuild %d: berth %.2f s, naive %.2f s%n", i + 1, berthRebuilds[i], naiveRebuilds[i]);
      }
      return new Result(
          new Figures("berth (layered)", berthFirst, median(berthRebuilds),
              ImageLayers.changedBytes(berthBefore, berthAfter), ImageLayers.totalBytes(berthAfter)),
          new Figures("naive COPY app.jar", naiveFirst, median(naiveRebuilds),
              ImageLayers.changedBytes(naiveBefore, naiveAfter), ImageLayers.totalBytes(naiveAfter)),
          dependencyBytes, rounds);
    } finally {
      ImageLayers.remove(berthImage);
      ImageLayers.remove(naiveImage);
    }
  }

  /** One way of building: writes round {@code n}'s app (n = 0 first, then one class changed) and builds it. */
  private interface Side {
    double build(int round) throws IOException, ImageBuildException;
  }

  private Side berthSide(BootJarGenerator generator, String image) {
    Path app = work.resolve("berth/app");
    Path out = work.resolve("berth/out");
    StepsRunner runner = StepsRunner.standard();
    // --offline, as on a machine without Docker Hub: both sides start FROM berth/jre:17, and neither pays for a
    // pull attempt of the public base on every build.
    BuildRequest request = new BuildRequest(app, List.of(image), false, new BuildTarget.Engine(),
        null, Boolean.TRUE, out, null);
    return round -> {
      generator.write(app, round);
      return seconds(() -> runner.build(request, BuildListener.none()));
    };
  }

  private Side naiveSide(BootJarGenerator generator, String image) throws IOException {
    Path context = work.resolve("naive");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"),
        "FROM berth/jre:17\nCOPY app-1.0.jar /app/app.jar\nUSER 10001:0\n"
            + "ENTRYPOINT [\"java\",\"-jar\",\"/app/app.jar\"]\n");
    RenderedDockerfile rendered =
        new RenderedDockerfile(context, "jvm-boot", "naive", "jre-17", "berth/jre:17", null, false, null);
    BuildPlan plan = new BuildPlan.DockerfileBuild(rendered, List.of(image), new BuildTarget.Engine());
    EngineBackend engine = new EngineBackend();
    return round -> {
      generator.write(context, round);
      return seconds(() -> engine.build(plan, BuildListener.none()));
    };
  }

  /** The result as the table the command prints and docs/BENCHMARKS.md keeps. */
  public static String table(Result r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Spring-Boot-shaped fat jar, %.0f MiB of dependencies, base berth/jre:17,"
        + " median of %d rebuilds%n%n", r.dependencyBytes() / 1048576.0, r.rounds()));
    s.append("| build | first build (s) | rebuild after one class changed (s) | changed layer bytes |"
        + " image size |\n|---|---|---|---|---|\n");
    for (Figures f : List.of(r.berth(), r.naive())) {
      s.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s |%n", f.name(), f.firstSeconds(),
          f.rebuildSeconds(), bytes(f.changedBytes()), bytes(f.imageBytes())));
    }
    s.append(String.format(Locale.ROOT, "%nRebuild speed-up (naive ÷ berth): %.1f× (target ≥ 3×)%n",
        r.rebuildSpeedup()));
    s.append(String.format(Locale.ROOT, "Berth's changed bytes: %.2f%% of the image (target < 5%%);"
        + " naive: %.1f%%%n", 100 * r.berthChangedShare(),
        100.0 * r.naive().changedBytes() / r.naive().imageBytes()));
    return s.toString();
  }

  private static String bytes(long n) {
    if (n >= 1048576) {
      return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }
    return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private interface Build {
    Object run() throws IOException, ImageBuildException;
  }

  private static double seconds(Build build) throws IOException, ImageBuildException {
    long t0 = System.nanoTime();
    build.run();
    return (System.nanoTime() - t0) / 1e9;
  }
}
