package dev.berth.runtime.agent.build;

import java.util.List;

/**
 * Berth's offline base images on the node's engine, which the builder container cannot build itself (it has no
 * jlink and no mmdebstrap).
 */
public interface BuilderBases {

  /** The image the builder runs in (Berth's offline JRE), made present on the engine; returns its tag. */
  String builderImage() throws Exception;

  /**
   * Makes present the offline bases among {@code images} (e.g. a Dockerfile's FROM images); other images are left
   * to the build. Returns the tags it made sure of.
   */
  List<String> ensureOffline(List<String> images) throws Exception;
}
