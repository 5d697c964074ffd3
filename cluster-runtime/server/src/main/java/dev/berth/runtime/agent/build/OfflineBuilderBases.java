package dev.berth.runtime.agent.build;

import dev.berth.imagebuilder.base.BaseImages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@link BuilderBases} through image-builder's {@link BaseImages} on the local engine. */
public final class OfflineBuilderBases implements BuilderBases {

  /** The catalog id of the base the builder container runs in. */
  static final String BUILDER_BASE = "jre-17";

  private final Supplier<BaseImages> bases;

  /** @param bases the bases, asked for only when a build job arrives (opening them reaches the engine) */
  public OfflineBuilderBases(Supplier<BaseImages> bases) {
    this.bases = bases;
  }

  @Override
  public String builderImage() throws Exception {
    return bases.get().ensure(BUILDER_BASE).tag();
  }

  @Override
  public List<String> ensureOffline(List<String> images) throws Exception {
    BaseImages bases = this.bases.get();
    List<String> ensured = new ArrayList<>();
    for (String id : bases.ids()) {
      String tag = bases.tag(id);
      if (images.contains(tag)) {
        bases.ensure(id);
        ensured.add(tag);
      }
    }
    return ensured;
  }
}
