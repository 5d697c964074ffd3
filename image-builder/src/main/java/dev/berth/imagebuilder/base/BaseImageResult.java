package dev.berth.imagebuilder.base;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A base that is ready on the engine.
 *
 * @param id catalog id, e.g. {@code jre-17}
 * @param tag the offline tag, e.g. {@code berth/jre:17}
 * @param outcome whether it was built now or an image with the same recipe hash was reused
 * @param imageId the engine's image ID
 * @param sizeBytes the image's size
 * @param took wall time of this ensure
 * @param labels the image's labels (recipe hash, runtime version such as {@code dev.berth.jdk.version})
 */
public record BaseImageResult(
    String id,
    String tag,
    Outcome outcome,
    String imageId,
    long sizeBytes,
    Duration took,
    Map<String, String> labels) {

  /** Built now, or reused as found. */
  public enum Outcome {
    BUILT,
    REUSED
  }

  public BaseImageResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(outcome, "outcome");
    labels = Map.copyOf(labels);
  }

  /** The runtime's full version label (JDK, Node, Python, Go, Tomcat …), or {@code null} when it has none. */
  public String runtimeVersion() {
    return labels.get(BaseImageLabels.RUNTIME_VERSION);
  }
}
