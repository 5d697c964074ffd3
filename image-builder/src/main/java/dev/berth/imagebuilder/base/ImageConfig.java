package dev.berth.imagebuilder.base;

import dev.berth.imagebuilder.docker.RootFsImage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image configuration a root filesystem is loaded with: what the public images set (env, workdir, command)
 * plus Berth's labels. No RUN step is ever needed, so shell-less roots work.
 *
 * @param env environment, in order
 * @param workdir working directory
 * @param user user the image runs as, or {@code null} for root (as the public images do)
 * @param cmd exec-form default command, empty for none
 * @param exposedPorts TCP ports to expose
 * @param labels image labels
 */
record ImageConfig(
    Map<String, String> env,
    String workdir,
    String user,
    List<String> cmd,
    List<Integer> exposedPorts,
    Map<String, String> labels) {

  ImageConfig {
    // Order matters for readers of the Dockerfile (JAVA_HOME before PATH), so copy into a LinkedHashMap.
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(workdir, "workdir");
    cmd = List.copyOf(cmd);
    exposedPorts = List.copyOf(exposedPorts);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The same configuration with more labels; later keys win. */
  ImageConfig withLabels(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.putAll(more);
    return new ImageConfig(env, workdir, user, cmd, exposedPorts, all);
  }

  /** The one-layer image of a root filesystem tar with this configuration. */
  RootFsImage toImage(Path tar, String layerDigest) {
    return new RootFsImage(tar, layerDigest, env, workdir, user, cmd, exposedPorts, labels);
  }
}
