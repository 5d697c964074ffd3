package dev.berth.runtime.cli;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.runtime.deploy.JenkinsfileDraft;
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
 * {@code berth jenkinsfile PATH --image REPO}: detects the app in PATH and writes a first declarative Jenkinsfile at
 * the repository root that packages, builds, pushes and deploys it with Berth's steps ({@link JenkinsfileDraft}).
 */
@Command(
    name = "jenkinsfile",
    mixinStandardHelpOptions = true,
    description = {
      "Draft a declarative Jenkinsfile for the app in PATH: a Package stage when the repository root has a Maven or",
      "Gradle build, then berthDetect, berthDockerfile, berthBuild (pushed) and berthDeploy, each on PATH. Writes",
      "ROOT/Jenkinsfile unless -o says where; an existing file is kept unless --force.",
      "",
      "Exit codes: 0 written; 2 bad arguments or the file exists; 3-8 detection failed (as berth detect)."
    })
public final class JenkinsfileCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "The app's folder, inside ROOT")
  Path path;

  @Option(names = "--image", required = true, paramLabel = "REPO", description = "The repository to push, e.g."
      + " registry.internal:5000/shop (tagged with the build number)")
  String image;

  @Option(names = "--name", paramLabel = "N", description = "The app's name (default: the image's repository name)")
  String name;

  @Option(names = "--root", paramLabel = "ROOT", description = "The repository root, where Jenkins checks out"
      + " (default: the current folder)")
  Path root;

  @Option(names = "--target", paramLabel = "TARGET", description = "berth (default) or kubernetes")
  String target;

  @Option(names = "--registry-credentials", paramLabel = "ID", description = "A Jenkins username/password"
      + " credential for the registry (default: the controller's Docker config)")
  String registryCredentials;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: ROOT/Jenkinsfile)")
  Path output;

  @Option(names = "--force", description = "Overwrite an existing Jenkinsfile")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path repo = (root != null ? root : Path.of("")).toAbsolutePath().normalize();
    Path app = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(app) || !app.startsWith(repo)) {
      err.println("ERROR " + path + " is not a folder inside " + repo + "; pass the app's folder and, with --root,"
          + " the repository root Jenkins checks out");
      return CommandLine.ExitCode.USAGE;
    }
    Path file = output != null ? output : repo.resolve("Jenkinsfile");
    if (Files.exists(file) && !force) {
      err.println("ERROR " + file + " exists; berth jenkinsfile keeps it. Pass -o FILE, or --force to replace it");
      return CommandLine.ExitCode.USAGE;
    }
    DetectReport report = InitCommand.detectForDraft(path, "a Jenkinsfile", err);
    if (report.outcome() != DetectReport.Outcome.OK) {
      return report.exitCode();
    }
    String stack = report.stack();
    String dir = app.equals(repo) ? "." : repo.relativize(app).toString();
    Path spec = app.resolve(".berth").resolve("app.yaml");
    JenkinsfileDraft draft;
    try {
      draft = new JenkinsfileDraft(dir, image, name != null ? name : InitCommand.nameFromImage(image), stack,
          JenkinsfileDraft.packageCommand(Files.isRegularFile(repo.resolve("mvnw")),
              Files.isRegularFile(repo.resolve("pom.xml")), Files.isRegularFile(repo.resolve("gradlew"))),
          Files.isRegularFile(spec) ? repo.relativize(spec).toString() : null, target, registryCredentials);
    } catch (IllegalArgumentException e) {
      err.println("ERROR " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, draft.text(), StandardCharsets.UTF_8);
    out.println("wrote " + file + " for " + dir + " (" + stack + "), deploying to " + draft.target()
        + (draft.specFile() == null ? " with a spec drafted from detection" : " with " + draft.specFile()));
    out.println("commit it; the pipeline needs the Berth plugin"
        + (draft.target().equals("kubernetes") ? " and a 'kubeconfig' secret file credential"
            : ", BERTH_MASTER_URL and a 'berth-token' secret text credential"));
    return 0;
  }
}
