package dev.berth.runtime.agent.sync;

import dev.berth.runtime.agent.container.ContainerLabels;
import dev.berth.runtime.agent.container.ContainerRuntime;
import dev.berth.runtime.agent.container.ImageDetails;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.spec.JvmSpec;
import dev.berth.runtime.model.NodeJvmSizing;
import dev.berth.runtime.model.ReplicaAssignment;
import dev.berth.runtime.sizing.ContainerEnvironment;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sizes a replica's JVM on the node when its spec carried no JVM facts: reads Berth's fact labels from the image on
 * this engine, puts the spec's own facts over them (JVM-SIZING.md §4.1), and computes the environment with the
 * master's rules ({@link ContainerEnvironment}). Facts are kept per image id, so a restart re-reads no labels; the
 * engine is still asked which image a tag names now (a tag may move), except for a reference pinned to a digest.
 */
final class ImageLabelSizing {

  private final ContainerRuntime runtime;
  private final String nodeId;
  private final ContainerEnvironment environment;
  private final PrintStream log;
  private final Map<String, AppFacts> factsByImageId = new ConcurrentHashMap<>();
  private final Map<String, ImageDetails> pinnedImages = new ConcurrentHashMap<>();

  ImageLabelSizing(ContainerRuntime runtime, String nodeId, ContainerEnvironment environment, PrintStream log) {
    this.runtime = runtime;
    this.nodeId = nodeId;
    this.environment = environment;
    this.log = log;
  }

  /** The environment a replica starts with, and the {@link ContainerLabels#JVM_SIZING} value to say where from. */
  record Sized(Map<String, String> env, String source) {}

  /**
   * The replica's environment: the assignment's own when the master sized it (or its image is not here, which the
   * start reports), else sized from the image's labels.
   *
   * @throws SizingFailedException when the labels cannot be read or the limit is too small for the app
   */
  Sized environment(ReplicaAssignment r) throws SizingFailedException {
    NodeJvmSizing sizing = r.jvmSizing();
    if (sizing == null) {
      return new Sized(r.env(), null);
    }
    Optional<ImageDetails> image;
    try {
      image = image(r.image());
    } catch (RuntimeException e) {
      throw new SizingFailedException("JVM sizing on node " + nodeId + ": " + e.getMessage(), e);
    }
    if (image.isEmpty()) {
      return new Sized(r.env(), null);
    }
    AppFacts imageFacts;
    try {
      imageFacts = factsByImageId.computeIfAbsent(image.get().id(), id -> read(r.image(), image.get()));
    } catch (IllegalArgumentException e) {
      throw new SizingFailedException("JVM sizing on node " + nodeId + ": image " + r.image() + ": "
          + e.getMessage(), e);
    }
    // The spec's own facts win over the image's labels, field by field, as when berth apply fills them.
    Map<String, String> merged = new LinkedHashMap<>(FactLabels.toLabels(imageFacts));
    merged.putAll(sizing.factLabels());
    AppFacts facts = FactLabels.fromLabels(merged);
    if (!facts.isJvm()) {
      return new Sized(r.env(), "none (no JVM facts in the spec or the image's labels)");
    }
    try {
      Map<String, String> env = environment.of(
          sizing.env(), new JvmSpec("auto", sizing.maxHeap(), sizing.flags(), facts), r.memoryLimitBytes(),
          r.cpuMillis());
      return new Sized(env, "image labels on node " + nodeId);
    } catch (IllegalArgumentException e) {
      // SpecValidationException: resources.memory too small (with the smallest limit) or facts it cannot use.
      throw new SizingFailedException("JVM sizing from image " + r.image() + "'s labels on node " + nodeId + ": "
          + e.getMessage(), e);
    }
  }

  private Optional<ImageDetails> image(String reference) {
    // A digest names one image for good; a tag is asked for again on every start.
    boolean pinned = reference.contains("@sha256:");
    ImageDetails known = pinned ? pinnedImages.get(reference) : null;
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ImageDetails> found = runtime.image(reference);
    if (pinned) {
      found.ifPresent(d -> pinnedImages.put(reference, d));
    }
    return found;
  }

  private AppFacts read(String reference, ImageDetails image) {
    AppFacts facts = FactLabels.fromLabels(image.labels());
    if (facts.isJvm()) {
      log.println("berth agent " + nodeId + ": image " + reference + " (" + image.id() + ") is a JVM app by its"
          + " labels (" + (facts.stack() == null ? "jdk " + facts.jdkRuntime() : facts.stack())
          + "); replicas without jvm.facts are sized here");
    }
    return facts;
  }

  /** The replica cannot start: its JVM cannot be sized from what the node found. */
  static final class SizingFailedException extends Exception {

    SizingFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
