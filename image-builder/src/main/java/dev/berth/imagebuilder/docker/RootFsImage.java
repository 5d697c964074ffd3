package dev.berth.imagebuilder.docker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-layer image to load from a root filesystem tar: the layer and the config that {@code docker import} cannot
 * set through docker-java (env, workdir, user, command, ports, labels).
 *
 * @param layerTar the root filesystem, an uncompressed tar
 * @param layerDigest {@code sha256:<hex>} of {@code layerTar}, the layer's diff ID
 * @param env environment, in order
 * @param workdir working directory
 * @param user user, or {@code null} for root
 * @param cmd exec-form default command, possibly empty
 * @param exposedPorts TCP ports
 * @param labels labels
 */
public record RootFsImage(
    Path layerTar,
    String layerDigest,
    Map<String, String> env,
    String workdir,
    String user,
    List<String> cmd,
    List<Integer> exposedPorts,
    Map<String, String> labels) {

  public RootFsImage {
    Objects.requireNonNull(layerTar, "layerTar");
    if (layerDigest == null || !layerDigest.startsWith("sha256:")) {
      throw new IllegalArgumentException("layerDigest must be sha256:<hex>, was " + layerDigest);
    }
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    cmd = List.copyOf(cmd);
    exposedPorts = List.copyOf(exposedPorts);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }
}
