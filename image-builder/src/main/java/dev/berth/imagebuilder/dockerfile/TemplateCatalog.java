package dev.berth.imagebuilder.dockerfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Dockerfile templates Berth ships, one per stack shape; the only class that knows where they live
 * ({@code dockerfile-templates/<stack>/Dockerfile[.<shape>].template}, inside the image-builder jar).
 */
public final class TemplateCatalog {

  static final String ROOT = "/dockerfile-templates/";

  /** Every template id: the stack id, or {@code <stack>/<shape>} for a stack's further shapes. */
  public static final List<String> IDS =
      List.of(
          "jvm-dist",
          "jvm-jar",
          "jvm-boot",
          "jvm-boot/jar",
          "jvm-war",
          "node",
          "python",
          "go",
          "static",
          "static/node-build");

  private TemplateCatalog() {}

  /**
   * The template with this id.
   *
   * @throws IllegalArgumentException for an id Berth has no template for, naming the known ids
   */
  public static DockerfileTemplate load(String id) {
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException(
          "no Dockerfile template '" + id + "'; known: " + String.join(", ", IDS));
    }
    String resource = ROOT + relativePath(id);
    try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Dockerfile template " + resource + " is missing from the classpath");
      }
      return new DockerfileTemplate(id, "dockerfile-templates/" + relativePath(id),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Dockerfile template " + resource, e);
    }
  }

  /** The template's path under {@code dockerfile-templates/}, e.g. {@code jvm-boot/Dockerfile.jar.template}. */
  public static String relativePath(String id) {
    int slash = id.indexOf('/');
    return slash < 0
        ? id + "/Dockerfile.template"
        : id.substring(0, slash) + "/Dockerfile." + id.substring(slash + 1) + ".template";
  }
}
