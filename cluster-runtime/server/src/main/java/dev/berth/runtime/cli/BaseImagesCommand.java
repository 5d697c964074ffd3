package dev.berth.runtime.cli;

import dev.berth.imagebuilder.base.BaseImageEvent;
import dev.berth.imagebuilder.base.BaseImageException;
import dev.berth.imagebuilder.base.BaseImageLabels;
import dev.berth.imagebuilder.base.BaseImageResult;
import dev.berth.imagebuilder.base.BaseImages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code berth base-images}: builds the catalog's offline base images with no registry, reusing what exists. */
@Command(
    name = "base-images",
    mixinStandardHelpOptions = true,
    description = {
      "Build the offline base images of dockerfile-templates/base-images.yaml on the local engine, with no registry.",
      "A base whose recipe hash is already on an image is reused; tarballs are kept in $BERTH_STATE."
    })
public final class BaseImagesCommand implements Callable<Integer> {

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "Only these catalog ids (repeat or comma-separate), e.g. --only jre-17,tomcat-9.0")
  List<String> only = new ArrayList<>();

  @Option(names = "--list", description = "List the bases and whether each is present; build nothing")
  boolean list;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (BaseImages bases = BaseImages.local(event -> progress(out, event))) {
      List<String> ids = only.isEmpty() ? bases.ids() : only;
      for (String id : ids) {
        if (!bases.ids().contains(id)) {
          err.println(
              "ERROR unknown base '" + id + "' in --only; known ids: " + String.join(", ", bases.ids()));
          return CommandLine.ExitCode.USAGE;
        }
      }
      if (list) {
        for (String id : ids) {
          Optional<BaseImageResult> found = bases.find(id);
          out.printf(
              Locale.ROOT,
              "%-12s %-26s %s%n",
              id,
              bases.tag(id),
              found.map(r -> "present " + mb(r.sizeBytes()) + version(r)).orElse("missing"));
        }
        return CommandLine.ExitCode.OK;
      }
      long start = System.nanoTime();
      for (String id : ids) {
        try {
          BaseImageResult r = bases.ensure(id);
          out.printf(
              Locale.ROOT,
              "%-7s %-26s %9s %6.1f s%s%n",
              r.outcome() == BaseImageResult.Outcome.BUILT ? "built" : "reused",
              r.tag(),
              mb(r.sizeBytes()),
              r.took().toMillis() / 1000.0,
              version(r));
          out.flush();
        } catch (BaseImageException e) {
          err.println("ERROR base image " + id + ": " + e.getMessage());
          return CommandLine.ExitCode.SOFTWARE;
        }
      }
      out.printf(Locale.ROOT, "%d base image(s) ready in %.1f s%n", ids.size(), (System.nanoTime() - start) / 1e9);
      return CommandLine.ExitCode.OK;
    }
  }

  private static void progress(PrintWriter out, BaseImageEvent event) {
    if (event instanceof BaseImageEvent.Progress p) {
      out.println("  " + p.id() + ": " + p.step());
      out.flush();
    }
  }

  private static String version(BaseImageResult r) {
    String v = r.labels().get(BaseImageLabels.RUNTIME_VERSION);
    return v == null ? "" : "  (" + v + ")";
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
