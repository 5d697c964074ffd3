package dev.berth.runtime.agent.container;

/**
 * An image reference as an engine pull takes it: {@code 127.0.0.1:5000/shop:7}, {@code reg.example/shop@sha256:…}
 * or {@code reg.example/shop:7@sha256:…} (the digest wins, as the engine resolves it).
 *
 * @param registry the registry host[:port] the reference names, or {@code null} (Docker Hub)
 * @param repository everything before the tag or digest, registry included
 * @param tagOrDigest the tag ({@code latest} when none is written) or the {@code sha256:…} digest
 */
public record PullReference(String registry, String repository, String tagOrDigest) {

  /**
   * Splits {@code reference}.
   *
   * @throws IllegalArgumentException naming the reference when its repository, tag or digest is empty
   */
  public static PullReference parse(String reference) {
    String name = reference;
    String digest = null;
    int at = reference.indexOf('@');
    if (at >= 0) {
      name = reference.substring(0, at);
      digest = reference.substring(at + 1);
    }
    String tag = "latest";
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
    }
    if (name.isEmpty() || tag.isEmpty() || (digest != null && digest.isEmpty())) {
      throw new IllegalArgumentException("image reference '" + reference + "' has an empty repository, tag or"
          + " digest; e.g. 127.0.0.1:5000/app:1 or 127.0.0.1:5000/app@sha256:…");
    }
    int slash = name.indexOf('/');
    String first = slash > 0 ? name.substring(0, slash) : "";
    String registry = first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    return new PullReference(registry, name, digest != null ? digest : tag);
  }

  /**
   * Whether the reference names its registry. Only those are pulled: a bare {@code shop:1} built on one node would
   * otherwise resolve to someone else's image on Docker Hub.
   */
  public boolean namesRegistry() {
    return registry != null;
  }
}
