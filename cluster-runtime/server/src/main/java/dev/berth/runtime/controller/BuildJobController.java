package dev.berth.runtime.controller;

import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.build.BuildLogChunk;
import dev.berth.runtime.api.status.PlacementFailure;
import dev.berth.runtime.model.BuildAssignment;
import dev.berth.runtime.model.BuildReport;
import dev.berth.runtime.model.ClusterSnapshot;
import dev.berth.runtime.model.Node;
import dev.berth.runtime.scheduler.ClusterView;
import dev.berth.runtime.scheduler.NodeView;
import dev.berth.runtime.scheduler.PlacementPlan;
import dev.berth.runtime.scheduler.PlacementRequest;
import dev.berth.runtime.scheduler.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Build jobs on the master: accepts them and their context archive, places each pending one on a ready node through
 * the {@link Scheduler}'s filters (a job asks for {@link #JOB_CPU_MILLIS} and {@link #JOB_MEMORY_BYTES}, counted
 * against other running jobs), hands it to the node, records the node's reports and log, and fails a job whose node
 * goes down. Jobs live in memory (RUNTIME-BOUNDARY.md, "Build jobs"); contexts are files under the master's state
 * folder, deleted when the job ends. Every method is synchronized: calls come from HTTP, transport and timer threads,
 * and none blocks on the network.
 */
public final class BuildJobController {

  /** CPU a build job asks of its node: the builder is one JVM plus the engine's build. */
  public static final long JOB_CPU_MILLIS = 1000;
  /** Memory a build job asks of its node. */
  public static final long JOB_MEMORY_BYTES = 1L << 30;
  /** A job whose context is not uploaded by then fails. */
  static final Duration UPLOAD_DEADLINE = Duration.ofMinutes(10);
  /** Log lines kept per job; later lines are dropped with one note. */
  static final int MAX_LOG_LINES = 50_000;
  /**
   * Log characters kept per job, the same way: nodes send lines of up to 4000 characters, so the line limit alone
   * would let one job hold 200 million in the master's memory.
   */
  static final int MAX_LOG_CHARS = 4 * 1024 * 1024;
  /**
   * A running job whose node says nothing for this long fails: nodes report at least every 20 s while a job runs
   * (RUNTIME-BOUNDARY.md, "Build jobs"), so silence means the job was lost without its node going down.
   */
  static final Duration REPORT_SILENCE = Duration.ofSeconds(90);
  /** Finished jobs kept for status and logs; older ones are forgotten. */
  static final int FINISHED_KEPT = 200;

  private final Supplier<ClusterSnapshot> snapshots;
  private final Supplier<NodeGateway> gateway;
  private final Path contexts;
  private final Clock clock;
  private final Scheduler scheduler = new Scheduler();
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  /** What running jobs hold, by node; replaced whole on every change so replica placement reads it unlocked. */
  private volatile Map<String, List<PlacementRequest>> heldByNode = Map.of();
  private volatile Runnable capacityFreed = () -> {};

  /**
   * @param snapshots the cluster's nodes and replicas, for placement
   * @param gateway the way to nodes (a supplier: the transport starts after the inbox that calls this)
   * @param contexts the folder context archives are kept in
   */
  public BuildJobController(Supplier<ClusterSnapshot> snapshots, Supplier<NodeGateway> gateway, Path contexts,
      Clock clock) {
    this.snapshots = snapshots;
    this.gateway = gateway;
    this.contexts = contexts;
    this.clock = clock;
    deleteStaleContexts(contexts);
  }

  /**
   * The CPU and memory running jobs hold, by node, as placement requests: replica placement counts them as it
   * counts replicas. Read without the controller's lock.
   */
  public Map<String, List<PlacementRequest>> heldByNode() {
    return heldByNode;
  }

  /** Called whenever a running job ends, so replicas waiting for capacity can be placed again. */
  public void onCapacityFreed(Runnable listener) {
    this.capacityFreed = listener == null ? () -> {} : listener;
  }

  /** Jobs live in memory, so archives a previous master run left behind belong to no job. */
  private static void deleteStaleContexts(Path contexts) {
    if (!Files.isDirectory(contexts)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.list(contexts)) {
      files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // Leftovers only cost disk.
    }
  }

  /** Accepts a job; it stays {@link BuildJobPhase#SUBMITTED} until its context is uploaded. */
  public synchronized BuildJobStatus submit(BuildJobRequest request) {
    String id = "b-" + UUID.randomUUID().toString().substring(0, 8);
    Job job = new Job(id, request, clock.instant());
    job.message = "waiting for the build context upload";
    jobs.put(id, job);
    forgetOldJobs();
    return job.status();
  }

  /**
   * Stores a job's context archive (read from {@code body}, at most {@code maxBytes}) and places the job.
   *
   * @throws NoSuchElementException for an unknown job
   * @throws IllegalStateException when the job's context was already uploaded
   * @throws ContextTooLargeException when the body exceeds {@code maxBytes}; the job fails
   */
  public BuildJobStatus upload(String id, InputStream body, long maxBytes) throws IOException {
    Job job;
    synchronized (this) {
      job = require(id);
      if (job.phase != BuildJobPhase.SUBMITTED || job.uploading) {
        throw new IllegalStateException("build job " + id + " already has its context (it is " + job.phase + ")");
      }
      job.uploading = true;
    }
    // The copy runs outside the lock: an upload may take long, and status reads must not wait for it.
    Files.createDirectories(contexts);
    Path file = contexts.resolve(id + ".tar.gz");
    MessageDigest sha = sha256();
    long size;
    try (InputStream in = body;
        OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
      size = copy(in, out, maxBytes);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      synchronized (this) {
        job.uploading = false;
      }
      throw e;
    }
    synchronized (this) {
      job.uploading = false;
      if (job.phase.finished()) {
        // Cancelled (or expired) while uploading.
        Files.deleteIfExists(file);
        return job.status();
      }
      if (size > maxBytes) {
        Files.deleteIfExists(file);
        finish(job, BuildJobPhase.FAILED, null, "the build context is larger than " + maxBytes + " bytes");
        throw new ContextTooLargeException(maxBytes);
      }
      job.context = file;
      job.contextBytes = size;
      job.contextSha256 = HexFormat.of().formatHex(sha.digest());
      job.phase = BuildJobPhase.PENDING;
      job.message = "waiting for a node";
      place();
      return job.status();
    }
  }

  /**
   * Cancels a job: a running one's node is told to stop its builder; the job ends {@code FAILED} at once. A finished
   * job is left as it is.
   *
   * @throws NoSuchElementException for an unknown job
   */
  public synchronized BuildJobStatus cancel(String id) {
    Job job = require(id);
    if (!job.phase.finished()) {
      if (job.phase == BuildJobPhase.RUNNING) {
        gateway.get().cancelBuild(job.node, id);
      }
      finish(job, BuildJobPhase.FAILED, null, "cancelled by a client");
    }
    return job.status();
  }

  /** A job's status. */
  public synchronized Optional<BuildJobStatus> status(String id) {
    Job job = jobs.get(id);
    return job == null ? Optional.empty() : Optional.of(job.status());
  }

  /** Every job, newest first. */
  public synchronized List<BuildJobStatus> list() {
    List<BuildJobStatus> all = new ArrayList<>();
    jobs.values().forEach(j -> all.add(j.status()));
    all.sort(Comparator.comparing(BuildJobStatus::submittedAt).reversed());
    return all;
  }

  /** A job's log lines from line {@code from} on. */
  public synchronized BuildLogChunk logs(String id, int from) {
    Job job = require(id);
    int start = Math.min(Math.max(0, from), job.log.size());
    return new BuildLogChunk(new ArrayList<>(job.log.subList(start, job.log.size())), job.log.size(),
        job.phase.finished());
  }

  /** Places pending jobs, fails jobs whose node went down or whose upload never came. Called every second. */
  public synchronized void tick() {
    Instant now = clock.instant();
    Map<String, Node> nodes = snapshots.get().nodes();
    for (Job job : List.copyOf(jobs.values())) {
      if (job.phase == BuildJobPhase.RUNNING) {
        Node node = nodes.get(job.node);
        if (node == null || !node.ready()) {
          String why = node == null ? "left the cluster" : "went down (" + node.downReason() + ")";
          finish(job, BuildJobPhase.FAILED, null, "node " + job.node + " " + why + " during the build");
        } else if (job.lastReportAt.plus(REPORT_SILENCE).isBefore(now)) {
          finish(job, BuildJobPhase.FAILED, null, "node " + job.node + " sent no news of the build for "
              + REPORT_SILENCE.toSeconds() + " s; it lost the job (e.g. its agent restarted)");
        }
      } else if (job.phase == BuildJobPhase.SUBMITTED && !job.uploading
          && job.submittedAt.plus(UPLOAD_DEADLINE).isBefore(now)) {
        finish(job, BuildJobPhase.FAILED, null, "its build context was not uploaded within "
            + UPLOAD_DEADLINE.toMinutes() + " minutes");
      }
    }
    place();
  }

  /** A node's report about a job it runs; reports from another node or about a finished job are ignored. */
  public synchronized void report(String nodeId, BuildReport report) {
    Job job = jobs.get(report.jobId());
    if (job == null || !nodeId.equals(job.node) || job.phase.finished()) {
      return;
    }
    job.lastReportAt = clock.instant();
    for (String line : report.lines()) {
      if (job.logCut) {
        break;
      }
      if (job.log.size() < MAX_LOG_LINES && job.logChars + line.length() <= MAX_LOG_CHARS) {
        job.log.add(line);
        job.logChars += line.length();
      } else {
        job.log.add("(log cut at " + job.log.size() + " lines, " + job.logChars + " characters)");
        job.logCut = true;
      }
    }
    BuildJobPhase phase;
    try {
      phase = BuildJobPhase.valueOf(report.phase());
    } catch (IllegalArgumentException e) {
      phase = BuildJobPhase.RUNNING;
    }
    if (phase.finished()) {
      job.imageId = report.imageId();
      job.digest = report.digest();
      job.imageBytes = report.imageBytes() < 0 ? null : report.imageBytes();
      finish(job, phase, report.exitCode(), report.message());
    } else if (!report.message().isEmpty()) {
      job.message = report.message();
    }
  }

  /**
   * Up to {@code maxBytes} of the context of a job assigned to {@code nodeId}, from {@code offset} on.
   *
   * @throws NoSuchElementException when the job is unknown, finished, or not this node's
   */
  public byte[] context(String nodeId, String jobId, long offset, int maxBytes) {
    Path file;
    long size;
    synchronized (this) {
      Job job = jobs.get(jobId);
      if (job == null || job.context == null || !nodeId.equals(job.node) || job.phase != BuildJobPhase.RUNNING) {
        throw new NoSuchElementException("build job " + jobId + " is not running on node " + nodeId);
      }
      file = job.context;
      size = job.contextBytes;
    }
    int length = (int) Math.max(0, Math.min(maxBytes, size - offset));
    byte[] bytes = new byte[length];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(offset);
      in.readFully(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the context of build job " + jobId, e);
    }
    return bytes;
  }

  private void place() {
    List<Job> pending = jobs.values().stream().filter(j -> j.phase == BuildJobPhase.PENDING).toList();
    if (pending.isEmpty()) {
      return;
    }
    ClusterSnapshot snapshot = snapshots.get();
    // Running jobs count on their nodes, so a node full of builds is skipped like a node full of replicas.
    List<NodeView> views = ClusterView.withHeld(ClusterView.nodes(snapshot), heldByNode);
    List<PlacementRequest> requests = pending.stream().map(BuildJobController::request).toList();
    PlacementPlan plan = scheduler.place(requests, views, clock.instant(), new HashMap<>());
    for (Job job : pending) {
      String node = plan.placed().get(job.id);
      if (node == null) {
        PlacementFailure failure = plan.pending().get(job.id);
        job.message = "waiting for a node: " + (failure == null ? "none fits" : failure.summary());
        continue;
      }
      BuildAssignment assignment = new BuildAssignment(job.id, job.request.tags(), job.request.push(),
          job.request.baseImage(), job.request.offline(), job.contextBytes, job.contextSha256);
      if (gateway.get().startBuild(node, assignment)) {
        job.phase = BuildJobPhase.RUNNING;
        job.node = node;
        job.startedAt = clock.instant();
        job.lastReportAt = job.startedAt;
        job.message = "assigned to node " + node;
        publishHeld();
      } else {
        job.message = "waiting for a node: node " + node + " is not connected";
      }
    }
  }

  private static PlacementRequest request(Job job) {
    return new PlacementRequest(job.id, "build/" + job.id, JOB_CPU_MILLIS, JOB_MEMORY_BYTES, List.of());
  }

  private void publishHeld() {
    Map<String, List<PlacementRequest>> held = new LinkedHashMap<>();
    for (Job j : jobs.values()) {
      if (j.phase == BuildJobPhase.RUNNING && j.node != null) {
        held.computeIfAbsent(j.node, n -> new ArrayList<>()).add(request(j));
      }
    }
    held.replaceAll((node, requests) -> List.copyOf(requests));
    heldByNode = Map.copyOf(held);
  }

  private void finish(Job job, BuildJobPhase phase, Integer exitCode, String message) {
    boolean wasRunning = job.phase == BuildJobPhase.RUNNING;
    job.phase = phase;
    job.exitCode = exitCode;
    job.message = message == null ? "" : message;
    job.finishedAt = clock.instant();
    if (job.context != null) {
      try {
        Files.deleteIfExists(job.context);
      } catch (IOException e) {
        // A leftover archive only costs disk; the next master start does not read it.
      }
    }
    if (wasRunning) {
      publishHeld();
      capacityFreed.run();
    }
  }

  private void forgetOldJobs() {
    List<Job> finished = jobs.values().stream().filter(j -> j.phase.finished()).toList();
    for (int i = 0; i < finished.size() - FINISHED_KEPT; i++) {
      jobs.remove(finished.get(i).id);
    }
  }

  private Job require(String id) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new NoSuchElementException("build job " + id);
    }
    return job;
  }

  private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxBytes) {
        return total;
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The body of an upload exceeded the master's limit. */
  public static final class ContextTooLargeException extends IOException {

    private final long limit;

    ContextTooLargeException(long limit) {
      super("the build context is larger than " + limit + " bytes");
      this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
      return limit;
    }
  }

  /** One job's mutable record; guarded by the controller's lock. */
  private static final class Job {

    final String id;
    final BuildJobRequest request;
    final Instant submittedAt;
    final List<String> log = new ArrayList<>();
    long logChars;
    boolean logCut;
    BuildJobPhase phase = BuildJobPhase.SUBMITTED;
    boolean uploading;
    Path context;
    long contextBytes;
    String contextSha256;
    String node;
    Integer exitCode;
    String message = "";
    String imageId;
    String digest;
    Long imageBytes;
    Instant startedAt;
    Instant finishedAt;
    Instant lastReportAt;

    Job(String id, BuildJobRequest request, Instant submittedAt) {
      this.id = id;
      this.request = request;
      this.submittedAt = submittedAt;
    }

    BuildJobStatus status() {
      return new BuildJobStatus(id, phase, request.app(), node, exitCode, message, request.image(), imageId, digest,
          request.tags(), request.push(), contextBytes, submittedAt, startedAt, finishedAt, imageBytes);
    }
  }
}
