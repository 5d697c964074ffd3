package dev.berth.imagebuilder.plan;

import java.util.Objects;

/**
 * An image reference split into registry, repository and tag: {@code 127.0.0.1:5000/team/app:1.2} →
 * registry {@code 127.0.0.1:5000}, repository {@code team/app}, tag {@code 1.2}. Digests are not parsed.
 *
 * @param registry host[:port], or {@code null} for the engine's default registry
 * @param repository the path
 * @param tag the tag, {@code latest} when absent
 */
public record ImageReference(String registry, String repository, String tag) {

  public ImageReference {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
  }

  /**
   * Parses a reference.
   *
   * @throws IllegalArgumentException naming the reference when it is empty or has an empty part
   */
  public static ImageReference parse(String reference) {
    if (reference == null || reference.isBlank() || reference.contains("@")) {
      throw new IllegalArgumentException(
          "image reference '" + reference + "' is not [registry/]repository[:tag]; e.g. 127.0.0.1:5000/app:1");
    }
    String rest = reference;
    String registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "latest";
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty() || tag.isEmpty()) {
      throw new IllegalArgumentException(
          "image reference '" + reference + "' has an empty repository or tag; e.g. 127.0.0.1:5000/app:1");
    }
    return new ImageReference(registry, rest, tag);
  }

  /** {@code registry/repository} without the tag. */
  public String withoutTag() {
    return registry == null ? repository : registry + "/" + repository;
  }

  /** Whether the registry is on this machine's loopback, where plain HTTP is allowed by default. */
  public boolean loopbackRegistry() {
    return registry != null
        && (registry.startsWith("127.") || registry.startsWith("localhost") || registry.startsWith("[::1]"));
  }

  @Override
  public String toString() {
    return withoutTag() + ":" + tag;
  }
}
