package dev.berth.runtime.agent.container;

import java.util.Map;
import java.util.Objects;

/**
 * An image as the node's engine holds it.
 *
 * @param id the engine's image id, e.g. {@code sha256:…}; the same for every reference to the same image
 * @param labels the image's labels, empty when it has none
 */
public record ImageDetails(String id, Map<String, String> labels) {

  public ImageDetails {
    Objects.requireNonNull(id, "id");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
