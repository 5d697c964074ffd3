package dev.berth.imagebuilder.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base-image catalog: which base each template starts FROM, for real users (public image) and offline (built
 * locally). The only reader of {@code base-images.yaml}, which ships inside the image-builder jar.
 */
public final class BaseImageCatalog {

  static final String RESOURCE = "/dockerfile-templates/base-images.yaml";

  private final Map<String, BaseImage> bases;
  private final List<String> order;

  BaseImageCatalog(Map<String, BaseImage> bases) {
    this.bases = Map.copyOf(bases);
    this.order = List.copyOf(bases.keySet());
  }

  /** The catalog shipped with Berth. */
  public static BaseImageCatalog load() {
    try (InputStream in = BaseImageCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("base-image catalog " + RESOURCE + " is missing from the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the base-image catalog " + RESOURCE, e);
    }
  }

  static BaseImageCatalog parse(InputStream yaml) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    JsonNode entries = root.path("bases");
    Map<String, BaseImage> bases = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode n = e.getValue();
      bases.put(
          e.getKey(),
          new BaseImage(
              e.getKey(),
              text(n, "image"),
              text(n, "offline"),
              n.hasNonNull("jdk") ? n.get("jdk").asInt() : null,
              n.path("shell").asBoolean(false),
              text(n, "tomcat")));
    }
    return new BaseImageCatalog(bases);
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** All bases, in catalog order. */
  public List<BaseImage> all() {
    return order.stream().map(bases::get).toList();
  }

  /**
   * The base with this id.
   *
   * @throws IllegalArgumentException naming the id and the known ids
   */
  public BaseImage get(String id) {
    BaseImage base = bases.get(id);
    if (base == null) {
      throw new IllegalArgumentException(
          "no base image '" + id + "' in the catalog; known: " + String.join(", ", order));
    }
    return base;
  }

  /** Java feature releases the catalog has shell-less JRE bases for, ascending. */
  public List<Integer> jdkRuntimes() {
    return all().stream()
        .filter(b -> b.jdk() != null && b.tomcat() == null && !b.shell())
        .map(BaseImage::jdk)
        .distinct()
        .sorted()
        .toList();
  }

  /** The JRE base for a Java feature release, with or without a shell. */
  public Optional<BaseImage> jre(int jdk, boolean shell) {
    return all().stream()
        .filter(b -> b.tomcat() == null && b.jdk() != null && b.jdk() == jdk && b.shell() == shell)
        .findFirst();
  }

  /** The Tomcat base for a servlet container line ({@code 9.0}, {@code 10.1}, {@code 11.0}). */
  public Optional<BaseImage> tomcat(String line) {
    return all().stream().filter(b -> line.equals(b.tomcat())).findFirst();
  }
}
