package dev.berth.imagebuilder.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The final image of a rendered Dockerfile as data, so a daemonless backend (Jib) can build the same image without
 * reading the Dockerfile: base, layers as directories of the build context, start command, environment, labels,
 * user, working directory and exposed ports.
 *
 * @param baseImage the image reference to start FROM (public or offline, as chosen at render time)
 * @param baseId the base-image catalog id ({@code jre-17}, {@code tomcat-9.0} …), so a builder can swap the public
 *     image for the offline one
 * @param layers the layers in build order
 * @param entrypoint exec-form ENTRYPOINT; empty keeps the base's
 * @param cmd exec-form CMD; empty keeps the base's
 * @param env environment variables the Dockerfile sets, in order
 * @param labels image labels, in order (OCI and {@code dev.berth.*})
 * @param user {@code uid:gid} the container runs as
 * @param workdir working directory
 * @param exposedPorts TCP ports the Dockerfile exposes
 * @param healthcheck exec-form health-check command, empty when the image has none
 * @param fileOwner {@code uid:gid} every layer file belongs to
 * @param fileTime modification time of every layer file
 */
public record ImagePlan(
    String baseImage,
    String baseId,
    List<Layer> layers,
    List<String> entrypoint,
    List<String> cmd,
    Map<String, String> env,
    Map<String, String> labels,
    String user,
    String workdir,
    List<Integer> exposedPorts,
    List<String> healthcheck,
    String fileOwner,
    Instant fileTime) {

  public ImagePlan {
    Objects.requireNonNull(baseImage, "baseImage");
    Objects.requireNonNull(baseId, "baseId");
    layers = List.copyOf(layers);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    healthcheck = healthcheck == null ? List.of() : List.copyOf(healthcheck);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(fileOwner, "fileOwner");
    Objects.requireNonNull(fileTime, "fileTime");
  }

  /**
   * One layer: the directory of the build context whose contents (files 0664, directories 0775) are copied under
   * {@code target}, as the Dockerfile's {@code COPY --chown=<fileOwner> <dir>/ <target>} does.
   *
   * @param name the layer's name (dependencies, snapshot-dependencies, resources, application, writable …)
   * @param source absolute path of the layer's directory in the rendered build context
   * @param target absolute directory in the image, ending in {@code /}
   */
  public record Layer(String name, Path source, String target) {
    public Layer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
      if (target == null || !target.startsWith("/") || !target.endsWith("/")) {
        throw new IllegalArgumentException(
            "layer " + name + " target '" + target + "' must be an absolute directory ending in /");
      }
    }
  }
}
