package dev.berth.jenkins.steps;

import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.jenkins.actions.BerthConfiguration;
import dev.berth.jenkins.cluster.ClusterBuild;
import dev.berth.jenkins.cluster.MasterConnection;
import dev.berth.jenkins.cluster.MasterConnectionException;
import dev.berth.jenkins.workspace.BuildContext;
import dev.berth.jenkins.workspace.BuiltImage;
import dev.berth.jenkins.workspace.EngineProbe;
import dev.berth.jenkins.workspace.ImageTags;
import dev.berth.jenkins.workspace.LocalImageBuild;
import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.client.BerthApiException;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs {@code berthBuild}: picks the builder ({@code auto}: the Berth cluster when a master is configured, else the
 * Docker engine this JVM reaches when it answers, else Jib), builds the application folder's image, records it on
 * the build page and returns it as a map. Like the other steps it runs in the controller's JVM on the workspace
 * path, so {@code docker} uses the controller's engine.
 */
final class BerthBuildExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

  private static final long serialVersionUID = 1L;

  /** How long a cluster build may take before the step stops waiting (the job goes on); builds rarely take 30 min. */
  static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(30);

  private final transient BerthBuildStep step;
  /** This JVM's environment: image-builder's engine backend reads {@code DOCKER_HOST} from it. */
  private final transient Map<String, String> machineEnv;

  BerthBuildExecution(BerthBuildStep step, StepContext context) {
    this(step, context, System.getenv());
  }

  BerthBuildExecution(BerthBuildStep step, StepContext context, Map<String, String> machineEnv) {
    super(context);
    this.step = step;
    this.machineEnv = machineEnv;
  }

  @Override
  protected Map<String, Object> run() throws Exception {
    PrintStream log = getContext().get(TaskListener.class).getLogger();
    Run<?, ?> run = getContext().get(Run.class);
    List<String> tags;
    try {
      tags = ImageTags.of(step.getImage(), step.getTags(), run == null ? 0 : run.getNumber());
    } catch (IllegalArgumentException e) {
      throw new AbortException("berthBuild: " + e.getMessage());
    }
    StepWorkspace ws = StepWorkspace.of("berthBuild", getContext().get(FilePath.class), step.getDir());
    Path committed = ws.folder().resolve("Dockerfile");
    boolean handWritten = Files.isRegularFile(committed);
    EnvVars env = getContext().get(EnvVars.class);
    Map<String, String> buildEnv = env == null ? Map.of() : env;
    String builder = choose(buildEnv, log);
    if (handWritten && builder.equals("jib")) {
      // Jib builds from Berth's image plan, never a Dockerfile: building Berth's own instead would silently ignore
      // the one berthDockerfile said it kept.
      throw new AbortException(StepMessages.format("BerthBuildStep.committedWithJib", ws.relative(committed)));
    }
    if (builder.equals("docker")) {
      String problem = EngineProbe.problem(machineEnv);
      if (problem != null) {
        throw new AbortException(StepMessages.format("BerthBuildStep.noEngine", problem));
      }
    }
    RegistryAuth auth = BuildRegistryAuth.of(buildEnv, "berthBuild");
    BuiltImage built;
    try {
      built = switch (builder) {
        case "docker" -> handWritten
            ? committed(ws, committed, tags, auth, log)
            : local(ws, tags, LocalImageBuild.Mode.DOCKER, auth, log);
        case "jib" -> local(ws, tags, LocalImageBuild.Mode.JIB, auth, log);
        default -> cluster(ws, tags, buildEnv, log);
      };
    } catch (ImageBuildException e) {
      // Exit codes 3-8 are detection outcomes: the app, not the builder, is the problem.
      throw new AbortException(e.exitCode() > 1 ? "berthBuild: " + firstLine(e.getMessage())
          : StepMessages.format("BerthBuildStep.failed", builder, firstLine(e.getMessage())));
    }
    log.println(StepMessages.format("BerthBuildStep.built", built.image(), built.digest().isEmpty()
        ? built.imageId() : built.digest(), built.builder(), built.durationMs() / 1000));
    BuildPage.of(getContext(), log).built(built);
    return built.toMap();
  }

  /** The builder the step asked for, or for {@code auto} the one that fits, with one log line saying why. */
  private String choose(Map<String, String> buildEnv, PrintStream log) {
    if (!step.getBuilder().equals("auto")) {
      return step.getBuilder();
    }
    try {
      MasterConnection master = MasterConnection.from(buildEnv, BerthConfiguration.controllerSettings());
      log.println(StepMessages.format("BerthBuildStep.autoCluster", master.url()));
      return "cluster";
    } catch (MasterConnectionException noMaster) {
      // No master: build where the step runs.
    }
    String engine = EngineProbe.address(machineEnv);
    String problem = EngineProbe.problem(machineEnv);
    if (problem == null) {
      log.println(StepMessages.format("BerthBuildStep.autoDocker", engine));
      return "docker";
    }
    log.println(StepMessages.format("BerthBuildStep.autoJib", problem));
    return "jib";
  }

  /** A build job on the Berth cluster, its log followed into this build's log. */
  private BuiltImage cluster(StepWorkspace ws, List<String> tags, Map<String, String> buildEnv, PrintStream log)
      throws IOException, InterruptedException {
    MasterConnection master;
    try {
      master = MasterConnection.from(buildEnv, BerthConfiguration.controllerSettings());
    } catch (MasterConnectionException e) {
      throw new AbortException("berthBuild: builder 'cluster' needs a Berth master: " + e.getMessage());
    }
    long start = System.nanoTime();
    BuildContext context;
    try {
      context = BuildContext.of(ws.folder());
    } catch (IllegalArgumentException e) {
      throw new AbortException("berthBuild: " + e.getMessage());
    }
    log.println(context.committed()
        ? StepMessages.format("BerthBuildStep.buildingCommitted", ws.relative(ws.folder().resolve("Dockerfile")))
        : StepMessages.format("BerthBuildStep.clusterContext", ws.relative(ws.folder()), context.stack()));
    Path archive = Files.createTempFile("berth-context", ".tar.gz");
    BuildJobStatus job;
    try {
      try {
        context.pack(archive);
      } catch (IOException e) {
        // One line for the user, not a stack trace: an unreadable file or a bad .dockerignore is theirs to fix.
        throw new AbortException("berthBuild: cannot pack " + ws.relative(ws.folder()) + " as the build context: "
            + e.getMessage());
      }
      job = new ClusterBuild(master.client(), CLUSTER_TIMEOUT).run(tags, step.isPush(), ws.folder().getFileName()
          .toString(), archive, log::println);
    } catch (BerthApiException e) {
      throw new AbortException(StepMessages.format("BerthBuildStep.clusterApiFailed", master.url(), e.getMessage()));
    } finally {
      Files.deleteIfExists(archive);
    }
    if (job.phase() != BuildJobPhase.SUCCEEDED) {
      throw new AbortException(StepMessages.format("BerthBuildStep.clusterFailed", job.id(),
          job.node() == null ? "no node" : "node " + job.node(), job.exitCode() == null ? "" : " (exit "
          + job.exitCode() + ")", job.message()));
    }
    return new BuiltImage(job.image(), job.tags(), job.imageId(), job.digest(), job.push(), "cluster", "", "",
        (System.nanoTime() - start) / 1_000_000, job.imageBytes() == null ? -1 : job.imageBytes());
  }

  private BuiltImage committed(StepWorkspace ws, Path dockerfile, List<String> tags, RegistryAuth auth,
      PrintStream log) throws ImageBuildException {
    log.println(StepMessages.format("BerthBuildStep.buildingCommitted", ws.relative(dockerfile)));
    return LocalImageBuild.committed(ws.folder(), tags, step.isPush(), auth, log::println);
  }

  private BuiltImage local(StepWorkspace ws, List<String> tags, LocalImageBuild.Mode mode, RegistryAuth auth,
      PrintStream log) throws ImageBuildException {
    BuiltImage b = LocalImageBuild.run(ws.folder(), tags, mode, step.isPush(), auth, log::println);
    return b.tarFile().isEmpty() ? b : new BuiltImage(b.image(), b.tags(), b.imageId(), b.digest(), b.pushed(),
        b.builder(), b.baseImage(), ws.relative(Path.of(b.tarFile())), b.durationMs(), b.sizeBytes());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("");
  }
}
