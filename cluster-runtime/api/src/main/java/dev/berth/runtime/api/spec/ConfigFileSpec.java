package dev.berth.runtime.api.spec;

/**
 * A file mounted read-only into every replica's container, like a Kubernetes ConfigMap entry.
 *
 * @param path absolute path inside the container, e.g. {@code /app/conf/app.properties}
 * @param content the file's text
 */
public record ConfigFileSpec(String path, String content) {

  /** Largest content accepted, so assignments stay small on the wire. */
  public static final int MAX_BYTES = 256 * 1024;

  public ConfigFileSpec {
    if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("..")) {
      throw new SpecValidationException("path", path, "an absolute file path inside the container, without '..'");
    }
    content = content == null ? "" : content;
    if (content.length() > MAX_BYTES) {
      throw new SpecValidationException(
          "content", content.length() + " characters", "at most " + MAX_BYTES + " characters");
    }
  }
}
