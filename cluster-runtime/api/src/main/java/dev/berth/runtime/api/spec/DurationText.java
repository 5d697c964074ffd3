package dev.berth.runtime.api.spec;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in specs: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, or plain seconds. */
public final class DurationText {

  static final String ALLOWED = "a duration such as 500ms, 5s, 2m or 1h (a plain number means seconds)";
  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private DurationText() {}

  /**
   * The duration, zero or more.
   *
   * @throws SpecValidationException naming {@code field} when the text is not a duration
   */
  public static Duration parse(String field, String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
