package dev.berth.runtime.agent.build;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerRequest;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ContainerStatus;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.wire.WireLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs the build jobs the master hands this node, each on its own thread: fetches the context over the link,
 * unpacks it into {@code <jobs>/<id>/workspace/context}, makes sure the offline bases exist, and runs Berth's
 * builder as a container (the agent's own class path mounted read-only, the engine's socket and the workspace
 * mounted read-write, as root for the socket), streaming its log to the master and reporting its result. The
 * container and the job folder are removed when it ends.
 */
public final class BuildJobRunner implements AutoCloseable {

  /** The CLI the builder container runs (named, not imported: the agent never depends on the CLI). */
  static final String BUILDER_MAIN = "dev.berth.runtime.cli.BerthCommand";
  /** A build running longer is stopped and fails. */
  static final Duration MAX_BUILD = Duration.ofMinutes(60);
  /** The builder JVM's container limit; the image build itself runs in the engine, outside it. */
  static final long BUILDER_MEMORY_BYTES = 1L << 30;
  /** How long one context chunk may take to arrive. */
  public static final long CHUNK_TIMEOUT_MILLIS = 30_000;
  static final String ROLE_BUILD = "build";
  /** Where a builder finds the node's Docker config (its registry logins). */
  static final String BUILDER_DOCKER_CONFIG = "/berth/docker-config";
  /** How often a running job tells the master it is still running, even with no new log line. */
  static final long KEEPALIVE_MILLIS = 20_000;

  private final ContainerRuntime runtime;
  private final String nodeId;
  private final Path jobsDir;
  private final Map<String, String> extraLabels;
  private final MasterChannel master;
  private final BuilderBases bases;
  private final List<Path> classpath;
  private final String dockerSocket;
  private volatile Path dockerConfig;
  private final PrintStream log;
  private final ExecutorService threads;
  private final ScheduledExecutorService keepalive;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Map<String, String> builders = new ConcurrentHashMap<>();
  private final Queue<BuildReport> undelivered = new ConcurrentLinkedQueue<>();

  /**
   * @param jobsDir where job folders go; must be a path the engine sees the same way (the workspace is bind-mounted)
   * @param extraLabels labels every builder container also gets (e.g. a test run's)
   * @param classpath the entries the builder runs with, mounted at the same paths
   * @param dockerSocket the engine's unix socket on this host, or {@code null} when the engine is reached otherwise
   */
  public BuildJobRunner(ContainerRuntime runtime, String nodeId, Path jobsDir, Map<String, String> extraLabels,
      MasterChannel master, BuilderBases bases, List<Path> classpath, String dockerSocket, PrintStream log) {
    this.runtime = runtime;
    this.nodeId = nodeId;
    this.jobsDir = jobsDir.toAbsolutePath();
    this.extraLabels = Map.copyOf(extraLabels);
    this.master = master;
    this.bases = bases;
    this.classpath = List.copyOf(classpath);
    this.dockerSocket = dockerSocket;
    this.log = log;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "berth-build-job-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "berth-build-keepalive");
      t.setDaemon(true);
      return t;
    });
    // Some steps say nothing for minutes (building a base image, a silent RUN): the master must still hear the job.
    keepalive.scheduleWithFixedDelay(
        () -> running.forEach(id -> master.report(new BuildReport(id, "RUNNING", null, "", null, null, List.of()))),
        KEEPALIVE_MILLIS, KEEPALIVE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Removes builder containers a previous agent of this node left behind and queues a failure report for their
   * jobs: their builds cannot be followed any more.
   */
  public void start() {
    for (ContainerStatus c : runtime.list(Map.of(ContainerLabels.ROLE, ROLE_BUILD, ContainerLabels.BUILD_NODE, nodeId))) {
      runtime.remove(c.id());
      String job = c.labels().get(ContainerLabels.BUILD_JOB);
      if (job != null) {
        undelivered.add(new BuildReport(job, "FAILED", c.exitCode(),
            "the agent of node " + nodeId + " restarted during the build", null, null, List.of()));
      }
    }
  }

  /** Starts a job unless it already runs here (the master may resend it). */
  public void submit(BuildAssignment job) {
    if (running.add(job.jobId())) {
      threads.execute(() -> {
        try {
          run(job);
        } finally {
          running.remove(job.jobId());
        }
      });
    }
  }

  /** Stops a job's builder (its follow loop then ends the job); a job not started yet never starts it. */
  public void cancel(String jobId) {
    if (!running.contains(jobId)) {
      return;
    }
    cancelled.add(jobId);
    String container = builders.get(jobId);
    if (container != null) {
      runtime.remove(container);
    }
  }

  /** The link (re)joined: sends the final reports that could not be sent while it was down. */
  public void joined() {
    BuildReport r;
    while ((r = undelivered.peek()) != null && master.report(r)) {
      undelivered.remove();
    }
  }

  private void run(BuildAssignment job) {
    Path dir = jobsDir.resolve(job.jobId());
    Progress progress = new Progress(job.jobId());
    String containerId = null;
    BuildReport result;
    try {
      Path workspace = Files.createDirectories(dir.resolve("workspace"));
      Path context = workspace.resolve("context");
      progress.say("==> Fetching the build context (" + job.contextBytes() + " bytes) from the master");
      long fetchStart = System.nanoTime();
      Path archive = fetch(job, dir.resolve("context.tar.gz"));
      long fetched = System.nanoTime();
      int files = ContextArchive.unpack(archive, context);
      Files.delete(archive);
      progress.say("==> Unpacked " + files + " files on node " + nodeId + " (fetched in "
          + (fetched - fetchStart) / 1_000_000 + " ms, unpacked in " + (System.nanoTime() - fetched) / 1_000_000
          + " ms)");
      if (dockerSocket == null) {
        throw new IllegalStateException("node " + nodeId + " reaches its engine without a unix socket; build jobs"
            + " mount the engine's socket, so run the agent with the engine's unix socket");
      }
      for (Path entry : classpath) {
        if (!Files.exists(entry)) {
          // The engine would bind an empty folder in its place and the builder would not find its main class.
          throw new IllegalStateException("the agent's class path entry " + entry + " is gone (a newer Berth replaced"
              + " it?); restart the agent of node " + nodeId);
        }
      }
      String image = bases.builderImage();
      boolean dockerfile = Files.isRegularFile(context.resolve("Dockerfile"));
      if (dockerfile) {
        List<String> ensured = bases.ensureOffline(fromImages(context.resolve("Dockerfile")));
        if (!ensured.isEmpty()) {
          progress.say("==> Offline bases present: " + String.join(", ", ensured));
        }
      }
      progress.say("==> Running Berth's builder (" + image + ") on node " + nodeId);
      progress.flush();
      if (cancelled.contains(job.jobId())) {
        throw new IllegalStateException("cancelled before the builder started");
      }
      containerId = runtime.start(request(job, image, workspace, dockerfile, progress));
      builders.put(job.jobId(), containerId);
      if (cancelled.contains(job.jobId())) {
        // Cancelled while the container was being created.
        runtime.remove(containerId);
      }
      Integer exit = follow(containerId, progress);
      result = outcome(job, exit, workspace.resolve("result.json"), progress);
    } catch (Exception e) {
      progress.say("ERROR " + e.getMessage());
      result = new BuildReport(job.jobId(), "FAILED", null, String.valueOf(e.getMessage()), null, null, List.of());
    } finally {
      if (containerId != null) {
        try {
          runtime.remove(containerId);
        } catch (RuntimeException e) {
          log.println("berth agent " + nodeId + ": cannot remove builder container " + containerId + ": " + e);
        }
      }
      deleteTree(dir);
      builders.remove(job.jobId());
      cancelled.remove(job.jobId());
    }
    progress.flush();
    if (!master.report(result)) {
      undelivered.add(result);
    }
  }

  private Path fetch(BuildAssignment job, Path file) throws IOException {
    MessageDigest sha = sha256();
    long offset = 0;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
      while (offset < job.contextBytes()) {
        byte[] chunk = master.contextChunk(job.jobId(), offset, WireLimits.BUILD_CONTEXT_CHUNK_BYTES);
        if (chunk.length == 0) {
          break;
        }
        out.write(chunk);
        offset += chunk.length;
      }
    }
    String digest = HexFormat.of().formatHex(sha.digest());
    if (offset != job.contextBytes() || !digest.equals(job.contextSha256())) {
      throw new IOException("the build context arrived damaged (" + offset + " of " + job.contextBytes()
          + " bytes, sha256 " + digest + "); submit the job again");
    }
    return file;
  }

  private ContainerRequest request(BuildAssignment job, String image, Path workspace, boolean dockerfile,
      Progress progress) {
    List<String> args = new ArrayList<>();
    args.add("-cp");
    args.add(String.join(":", classpath.stream().map(Path::toString).toList()));
    args.add(BUILDER_MAIN);
    args.add("build");
    args.add("/workspace/context");
    for (String tag : job.tags()) {
      args.add("-t");
      args.add(tag);
    }
    if (job.push()) {
      args.add("--push");
    }
    if (dockerfile) {
      args.add("--dockerfile");
      if (job.baseImage() != null) {
        progress.say("NOTE the context has its own Dockerfile: its FROM is used, not " + job.baseImage());
      }
    } else {
      if (job.offline()) {
        args.add("--offline");
      }
      if (job.baseImage() != null) {
        args.add("--base-image");
        args.add(job.baseImage());
      }
      // The rendered Dockerfile goes beside the context, not into it.
      args.add("--output");
      args.add("/workspace/out");
    }
    args.add("--result-file");
    args.add("/workspace/result.json");
    Map<String, String> labels = new HashMap<>(extraLabels);
    labels.put(ContainerLabels.MANAGED, "true");
    labels.put(ContainerLabels.ROLE, ROLE_BUILD);
    labels.put(ContainerLabels.BUILD_JOB, job.jobId());
    labels.put(ContainerLabels.BUILD_NODE, nodeId);
    Map<String, String> readOnly = new HashMap<>();
    classpath.forEach(p -> readOnly.put(p.toString(), p.toString()));
    List<String> env = new ArrayList<>(List.of("DOCKER_HOST=unix:///var/run/docker.sock", "BERTH_STATE=/workspace/state"));
    Path config = dockerConfig;
    if (job.push() && config != null && Files.isRegularFile(config)) {
      readOnly.put(config.toAbsolutePath().toString(), BUILDER_DOCKER_CONFIG + "/config.json");
      env.add("DOCKER_CONFIG=" + BUILDER_DOCKER_CONFIG);
    }
    Map<String, String> writable = Map.of(dockerSocket, "/var/run/docker.sock", workspace.toString(), "/workspace");
    return new ContainerRequest("berth-build-" + job.jobId(), image, List.of("java"), args, env, labels,
        BUILDER_MEMORY_BYTES, 0, List.of(), readOnly, writable, "0:0");
  }

  /**
   * Lets builders push with this node's registry logins: {@code config} (a Docker config file, as {@code docker
   * login} writes it) is mounted read-only into every builder container when it exists. Its {@code auths} entries
   * work there; credential helpers it names are programs on this host, not in the builder.
   */
  public BuildJobRunner withDockerConfig(Path config) {
    this.dockerConfig = config;
    return this;
  }

  /** Streams the container's log until it ends; returns its exit code (null when it vanished). */
  private Integer follow(String id, Progress progress) throws InterruptedException {
    long deadline = System.nanoTime() + MAX_BUILD.toNanos();
    int sent = 0;
    while (true) {
      Optional<ContainerStatus> status = runtime.inspect(id);
      boolean ended = status.isEmpty() || !status.get().running();
      List<String> lines;
      try {
        lines = runtime.logs(id, Integer.MAX_VALUE).lines().toList();
      } catch (java.util.NoSuchElementException e) {
        lines = List.of();
      }
      // While it runs, the last line may still be growing: it is sent on a later round.
      int complete = ended ? lines.size() : Math.max(0, lines.size() - 1);
      for (int i = sent; i < complete; i++) {
        progress.add(lines.get(i));
      }
      sent = Math.max(sent, complete);
      progress.flush();
      if (ended) {
        return status.map(ContainerStatus::exitCode).orElse(null);
      }
      if (System.nanoTime() > deadline) {
        progress.say("ERROR the build ran longer than " + MAX_BUILD.toMinutes() + " minutes and was stopped");
        runtime.remove(id);
        return null;
      }
      Thread.sleep(500);
    }
  }

  private static BuildReport outcome(BuildAssignment job, Integer exit, Path resultFile, Progress progress)
      throws IOException {
    if (exit != null && exit == 0 && Files.isRegularFile(resultFile)) {
      BuilderResult r = ApiJson.read(Files.readString(resultFile), BuilderResult.class);
      String message = "built " + r.image() + " (" + r.imageId() + ")" + (r.pushed() ? " and pushed it" : "");
      return new BuildReport(job.jobId(), "SUCCEEDED", 0, message, r.imageId(), r.digest(), List.of(), r.sizeBytes());
    }
    String why = progress.lastError();
    String message = exit == null
        ? "the builder container ended without an exit code" + (why == null ? "" : ": " + why)
        : "the builder exited with code " + exit + (why == null ? "" : ": " + why);
    return new BuildReport(job.jobId(), "FAILED", exit, message, null, null, List.of());
  }

  /** The images a Dockerfile's stages start FROM. */
  static List<String> fromImages(Path dockerfile) throws IOException {
    List<String> images = new ArrayList<>();
    for (String line : Files.readAllLines(dockerfile)) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equalsIgnoreCase("FROM")) {
        int i = 1;
        while (i < words.length - 1 && words[i].startsWith("--")) {
          i++;
        }
        images.add(words[i]);
      }
    }
    return images;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover job folder only costs disk.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public void close() {
    keepalive.shutdownNow();
    threads.shutdownNow();
  }

  /** A job's log lines not yet sent, sent in reports that stay below the frame limit. */
  private final class Progress {

    private final String jobId;
    private final List<String> pending = new ArrayList<>();
    private int chars;
    private String lastError;

    Progress(String jobId) {
      this.jobId = jobId;
    }

    void say(String line) {
      add(line);
      log.println("berth agent " + nodeId + ": build " + jobId + ": " + line);
    }

    void add(String line) {
      String cut = line.length() > 4000 ? line.substring(0, 4000) + "…" : line;
      if (cut.startsWith("ERROR ")) {
        lastError = cut.substring(6);
      }
      // A line also costs its framing (a class id and a length): a burst of empty lines must split too.
      int cost = cut.length() + 2;
      if (chars + cost > WireLimits.MAX_BUILD_REPORT_CHARS) {
        flush();
      }
      pending.add(cut);
      chars += cost;
    }

    String lastError() {
      return lastError;
    }

    /** Sends what is pending; lines are dropped when the link is down (the final report is kept and resent). */
    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      master.report(new BuildReport(jobId, "RUNNING", null, "", null, null, List.copyOf(pending)));
      pending.clear();
      chars = 0;
    }
  }
}
