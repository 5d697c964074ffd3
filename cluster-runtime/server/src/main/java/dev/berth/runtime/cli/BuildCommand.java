package dev.berth.runtime.cli;

import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.steps.StepsRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth build PATH -t IMAGE}: detects the app, writes its Dockerfile and builds the image on the engine, or
 * daemonless with {@code --jib} (JVM stacks), to the engine, a registry or a tar file.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Detect the app at PATH (a folder, jar, war, or zip/tar.gz dist), write its Dockerfile and build",
      "the image: on the Docker engine, or daemonless with --jib (JVM stacks). When the template's",
      "public base is neither in the engine nor pullable, the offline base is used and said so.",
      "",
      "Exit codes: 0 built; 1 not built; 2 bad arguments; 3-8 detection outcomes as in `berth detect`."
    })
public final class BuildCommand implements Callable<Integer> {

  /** Where a built image goes. */
  enum To {
    docker,
    registry,
    tar
  }

  @Parameters(index = "0", paramLabel = "PATH", description = "The application: folder, jar, war, zip or tar.gz")
  Path path;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "IMAGE",
      required = true,
      description = "Image reference (repeatable; the first names the image), e.g. 127.0.0.1:5000/app:1")
  List<String> tags;

  @Option(names = "--jib", description = "Build daemonless with Jib (JVM stacks whose Dockerfile runs no commands)")
  boolean jib;

  @Option(
      names = "--to",
      paramLabel = "docker|registry|tar",
      description = "Where the image goes (default: docker; --push means registry)")
  To to;

  @Option(names = "--tar", paramLabel = "FILE", description = "With --to tar: the docker-load-able tar to write")
  Path tar;

  @Option(names = "--push", description = "Push every tag to its registry after building, logged in with "
      + "BERTH_REGISTRY_USERNAME/BERTH_REGISTRY_PASSWORD, else the Docker config (docker login)")
  boolean push;

  @Option(names = "--base-image", paramLabel = "IMAGE", description = "FROM this image instead of the catalog's")
  String baseImage;

  @Option(
      names = "--offline",
      description = "FROM Berth's offline base (berth base-images) without trying the public one")
  boolean offline;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Where the Dockerfile and context go (default: PATH/.berth, or .berth beside a file)")
  Path output;

  @Option(
      names = "--dockerfile",
      description = "PATH is a build context with a Dockerfile at its root: build it as written, no detection")
  boolean dockerfile;

  @Option(
      names = "--result-file",
      paramLabel = "FILE",
      description = "Also write the result (image, tags, imageId, digest, pushed) as JSON to FILE")
  Path resultFile;

  @Option(
      names = "--cluster",
      description = {
        "Build as a job on the Berth cluster: PATH is sent to the master as the build context and a node runs",
        "the builder with its engine; a PATH with a Dockerfile at its root is built as written. The log is",
        "printed live."
      })
  boolean cluster;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "With --cluster: the master's API (default: $BERTH_MASTER, else http://127.0.0.1:7070)")
  String master;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "With --cluster: the API token (default: $BERTH_TOKEN, else the local master's api-token file)")
  String token;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(path)) {
      err.println("ERROR " + path + " does not exist; pass the application's folder or archive as PATH");
      return CommandLine.ExitCode.USAGE;
    }
    if (cluster) {
      if (jib || to == To.tar || tar != null || output != null || resultFile != null) {
        err.println("ERROR --cluster builds on a node's engine: it cannot go with --jib, --to tar, --tar, --output"
            + " or --result-file");
        return CommandLine.ExitCode.USAGE;
      }
      if (dockerfile && (baseImage != null || !Files.isRegularFile(path.resolve("Dockerfile")))) {
        // Without this the node would quietly detect and render instead of building the Dockerfile asked for.
        err.println("ERROR --dockerfile builds PATH/Dockerfile as written: PATH must be a folder holding a Dockerfile,"
            + " without --base-image");
        return CommandLine.ExitCode.USAGE;
      }
      ClusterOptions options = new ClusterOptions();
      options.master = master;
      options.token = token;
      return new ClusterBuild(options.client(), out, err).run(path, new dev.berth.runtime.api.build.BuildJobRequest(
          tags, push, baseImage, offline, path.toAbsolutePath().normalize().getFileName().toString()));
    }
    BuildTarget target;
    try {
      target = target();
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    if (dockerfile && (jib || baseImage != null || !Files.isRegularFile(path.resolve("Dockerfile")))) {
      err.println("ERROR --dockerfile builds PATH/Dockerfile as written on the engine: PATH must be a folder holding"
          + " a Dockerfile, without --jib or --base-image");
      return CommandLine.ExitCode.USAGE;
    }
    BuildRequest request = new BuildRequest(
        path, tags, jib, target, baseImage, offline ? Boolean.TRUE : null, output, DetectOptions.none());
    BuildListener listener = event -> print(event, out);
    try {
      BuildResult result = dockerfile
          ? StepsRunner.standard().buildDockerfile(path, tags, target, listener)
          : StepsRunner.standard().build(request, listener);
      if (resultFile != null) {
        writeResult(result);
      }
      out.println("Image " + result.image() + " " + result.imageId() + " (" + result.backend() + ", FROM "
          + result.baseImage() + (result.offlineBase() ? ", offline base" : "") + ")");
      if (result.pushed()) {
        out.println("Pushed " + String.join(", ", result.tags())
            + (result.digest() != null ? " @ " + result.digest() : ""));
      }
      if (target instanceof BuildTarget.Tar t) {
        out.println("Wrote " + t.file() + " (docker load -i " + t.file() + ")");
      }
      out.flush();
      return CommandLine.ExitCode.OK;
    } catch (ImageBuildException e) {
      out.flush();
      err.println("ERROR " + e.getMessage());
      if ("1".equals(System.getenv("BERTH_DEBUG"))) {
        e.printStackTrace(err);
      }
      return e.exitCode();
    }
  }

  private void writeResult(BuildResult result) throws ImageBuildException {
    try {
      Files.writeString(resultFile, dev.berth.runtime.api.json.ApiJson.toPrettyJson(result));
    } catch (java.io.IOException e) {
      throw new ImageBuildException("the image was built, but the result file " + resultFile + " cannot be written ("
          + e.getMessage() + "); pass a writable --result-file", e);
    }
  }

  private BuildTarget target() {
    To where = to != null ? to : push ? To.registry : tar != null ? To.tar : To.docker;
    if (push && where != To.registry) {
      throw new IllegalArgumentException("--push sends the image to a registry; it cannot go with --to " + where);
    }
    return switch (where) {
      case docker -> new BuildTarget.Engine();
      case registry -> new BuildTarget.Registry();
      case tar -> {
        if (tar == null) {
          throw new IllegalArgumentException("--to tar needs --tar FILE, the tar file to write");
        }
        yield new BuildTarget.Tar(tar.toAbsolutePath());
      }
    };
  }

  private static void print(BuildEvent event, PrintWriter out) {
    switch (event.kind()) {
      case STEP -> out.println("==> " + event.message());
      case NOTICE -> out.println("NOTE " + event.message());
      case PROGRESS -> out.println("    " + event.message());
    }
    out.flush();
  }
}
