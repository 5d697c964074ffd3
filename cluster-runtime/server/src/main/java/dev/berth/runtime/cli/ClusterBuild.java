package dev.berth.runtime.cli;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;

/** {@code berth build PATH -t IMAGE --cluster}: packs PATH, submits it as a build job and prints its log live. */
final class ClusterBuild {

  /**
   * How long the CLI follows a job: longer than a node lets a build run (60 minutes), so the CLI sees the job end
   * unless it waited long for a node.
   */
  static final Duration FOLLOW = Duration.ofMinutes(90);

  private final BerthClient client;
  private final PrintWriter out;
  private final PrintWriter err;

  ClusterBuild(BerthClient client, PrintWriter out, PrintWriter err) {
    this.client = client;
    this.out = out;
    this.err = err;
  }

  int run(Path input, BuildJobRequest request) {
    Path context = null;
    try {
      context = pack(input);
      out.println("==> Sending " + input + " (" + Files.size(context) + " bytes) to the master");
      out.flush();
      BuildJobStatus submitted = client.submitBuild(request, context);
      out.println("==> Build job " + submitted.id() + ": " + submitted.phase()
          + (submitted.message().isEmpty() ? "" : " (" + submitted.message() + ")"));
      out.flush();
      BuildJobStatus done = client.followBuild(submitted.id(), line -> {
        out.println(line);
        out.flush();
      }, FOLLOW);
      if (done.phase() == BuildJobPhase.SUCCEEDED) {
        out.println("Image " + done.image() + " " + done.imageId() + " (build job " + done.id() + " on node "
            + done.node() + ")" + (done.digest() != null ? " @ " + done.digest() : ""));
        out.flush();
        return CommandLine.ExitCode.OK;
      }
      err.println("ERROR build job " + done.id() + " " + done.phase() + ": " + done.message());
      return CommandLine.ExitCode.SOFTWARE;
    } catch (BerthApiException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    } catch (IOException e) {
      err.println("ERROR cannot pack " + input + " as a build context (" + e.getMessage() + ")");
      return CommandLine.ExitCode.SOFTWARE;
    } finally {
      if (context != null) {
        context.toFile().delete();
      }
    }
  }

  /**
   * PATH as a gzipped build-context tar: a folder as Docker would send it, a file alone in the context. The
   * temporary files are gone when it fails.
   */
  private static Path pack(Path input) throws IOException {
    Path file = Files.createTempFile("berth-context-", ".tar.gz");
    Path staging = null;
    try {
      Path folder = input;
      if (!Files.isDirectory(input)) {
        staging = Files.createTempDirectory("berth-context-");
        folder = staging;
        Files.copy(input, staging.resolve(input.getFileName()));
      }
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        ImageBuilder.writeContext(folder, out);
      }
      return file;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    } finally {
      if (staging != null) {
        try (var files = Files.walk(staging)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
