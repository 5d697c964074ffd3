package dev.berth.runtime.cli;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.RegistryAuth;
import dev.berth.imagebuilder.docker.EngineImages;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.ImageFacts;
import dev.berth.runtime.sizing.ContainerEnvironment;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fills an app spec's JVM facts from its image's labels, so the target can size the JVM (JVM-SIZING.md §4.1: the
 * spec's own facts win over labels): from the local engine when it has the image, else from the image's registry
 * (manifest and config only). Nothing to read, or nothing readable, leaves the spec as it is: the bundled
 * runtime's nodes read the labels themselves; on Kubernetes the JVM then runs unsized, which {@code warn} is told.
 */
final class ImageLabelFacts {

  private ImageLabelFacts() {}

  /** The spec with facts from the image's labels merged under its own, or the spec unchanged. */
  static AppSpec fill(AppSpec spec, Consumer<String> warn) {
    if (!spec.jvm().automatic()) {
      return spec;
    }
    Optional<Map<String, String>> labels = localLabels(spec.image());
    // The registry only when the spec cannot be sized without it: a round trip per apply otherwise.
    if (labels.isEmpty() && ContainerEnvironment.needsImageFacts(spec) && spec.image().contains("/")) {
      try {
        labels = Optional.of(ImageBuilder.registryLabels(spec.image(), RegistryAuth.fromProcess()));
      } catch (IOException | RuntimeException e) {
        warn.accept("no JVM facts for " + spec.image() + " (not in the local engine; " + e.getMessage() + ")");
      }
    }
    return labels.map(l -> ImageFacts.fill(spec, l)).orElse(spec);
  }

  private static Optional<Map<String, String>> localLabels(String image) {
    try (EngineImages engine = EngineImages.local()) {
      return engine.inspect(image).map(i -> i.labels());
    } catch (Exception e) {
      // No engine here (a remote master's client): the registry may still answer.
      return Optional.empty();
    }
  }
}
