package dev.berth.runtime.cli;

import dev.berth.imagebuilder.docker.EngineImages;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.spec.AppSpec;
import java.util.Optional;

/**
 * Fills an app spec's JVM facts from its image's labels on the local engine, so the master can size the JVM
 * (JVM-SIZING.md §4.1: the spec's own facts win over labels). Without a local engine or image, the spec is left as
 * it is.
 */
final class ImageLabelFacts {

  private ImageLabelFacts() {}

  /** The spec with facts from the image's labels merged under its own, or the spec unchanged. */
  static AppSpec fill(AppSpec spec) {
    if (!spec.jvm().automatic()) {
      return spec;
    }
    Optional<AppFacts> labels;
    try (EngineImages engine = EngineImages.local()) {
      labels = engine.inspect(spec.image()).map(i -> FactLabels.fromLabels(i.labels()));
    } catch (Exception e) {
      // No engine here (a remote master's client) or an unreadable label: the master sizes from the spec alone.
      return spec;
    }
    if (labels.isEmpty() || FactLabels.toLabels(labels.get()).isEmpty()) {
      return spec;
    }
    AppFacts own = spec.jvm().facts();
    AppFacts merged = own == null ? labels.get() : merge(own, labels.get());
    return spec.withJvm(spec.jvm().withFacts(merged));
  }

  private static AppFacts merge(AppFacts own, AppFacts label) {
    return new AppFacts(
        first(own.stack(), label.stack()),
        first(own.jdkFloor(), label.jdkFloor()),
        first(own.jdkRuntime(), label.jdkRuntime()),
        first(own.jdkVersion(), label.jdkVersion()),
        first(own.loadedClasses(), label.loadedClasses()),
        first(own.threads(), label.threads()),
        own.javaagents().isEmpty() ? label.javaagents() : own.javaagents(),
        first(own.legacyXmx(), label.legacyXmx()),
        first(own.port(), label.port()),
        first(own.health(), label.health()),
        own.writableDirs().isEmpty() ? label.writableDirs() : own.writableDirs());
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }
}
