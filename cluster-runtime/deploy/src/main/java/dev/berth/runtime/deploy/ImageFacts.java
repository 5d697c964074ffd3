package dev.berth.runtime.deploy;

import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.spec.AppSpec;
import java.util.Map;

/**
 * An app spec's JVM facts completed from its image's {@code dev.berth.*} labels (JVM-SIZING.md §4.1): the spec's own
 * facts win field by field, the labels fill what it leaves out. Clients call it where they can read the image (the
 * local engine, or its registry) so the target can size the JVM; the bundled runtime's nodes do the same with the
 * image they run.
 */
public final class ImageFacts {

  private ImageFacts() {}

  /** The spec with facts from {@code labels} merged under its own; the spec itself when nothing changes. */
  public static AppSpec fill(AppSpec spec, Map<String, String> labels) {
    if (!spec.jvm().automatic()) {
      return spec;
    }
    AppFacts fromLabels = FactLabels.fromLabels(labels);
    if (FactLabels.toLabels(fromLabels).isEmpty()) {
      return spec;
    }
    AppFacts own = spec.jvm().facts();
    AppFacts merged = own == null ? fromLabels : merge(own, fromLabels);
    return merged.equals(own) ? spec : spec.withJvm(spec.jvm().withFacts(merged));
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
