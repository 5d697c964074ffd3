package dev.berth.imagebuilder.dockerfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a generated Dockerfile (DETECTION.md §2.6): {@code # berth:generated v1 stack=… template=…
 * body-sha256=…}. The hash covers everything after that line, so a hand edit shows as drift.
 *
 * @param stack the stack id
 * @param template the template id
 * @param bodySha256 hex SHA-256 of the body as Berth wrote it
 */
public record GeneratedHeader(String stack, String template, String bodySha256) {

  private static final Pattern LINE =
      Pattern.compile("^# berth:generated v1 stack=(\\S+) template=(\\S+) body-sha256=([0-9a-f]{64})\\b.*");

  /** Whether a Dockerfile is as Berth wrote it, edited since, or not written by Berth at all. */
  public enum Status {
    GENERATED,
    EDITED,
    NOT_GENERATED
  }

  /** The header for a freshly rendered body. */
  public static GeneratedHeader forBody(String stack, String template, String body) {
    return new GeneratedHeader(stack, template, sha256(body));
  }

  /** The header line, without a line break. */
  public String line() {
    return "# berth:generated v1 stack=" + stack + " template=" + template + " body-sha256=" + bodySha256
        + "  (edit freely; `berth dockerfile --check` reports drift)";
  }

  /** The header of a Dockerfile's text, if its first line is one. */
  public static Optional<GeneratedHeader> parse(String dockerfile) {
    Matcher m = LINE.matcher(firstLine(dockerfile));
    return m.matches() ? Optional.of(new GeneratedHeader(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }

  /** Whether the text is as Berth wrote it, edited, or has no Berth header. */
  public static Status status(String dockerfile) {
    return parse(dockerfile)
        .map(h -> h.bodySha256().equals(sha256(body(dockerfile))) ? Status.GENERATED : Status.EDITED)
        .orElse(Status.NOT_GENERATED);
  }

  /** Everything after the first line. */
  static String body(String dockerfile) {
    int nl = dockerfile.indexOf('\n');
    return nl < 0 ? "" : dockerfile.substring(nl + 1);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
