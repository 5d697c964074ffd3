package dev.berth.runtime.api.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory amounts as written in specs: {@code 512Mi}, {@code 1Gi}, {@code 300M}, {@code 128m}, or plain bytes. */
public final class ByteSize {

  static final String ALLOWED =
      "a positive amount of memory such as 256Mi, 1Gi, 512M or 1073741824 (bytes); Ki/Mi/Gi are 1024-based";
  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?|[kmgt]b|b)?");

  private ByteSize() {}

  /**
   * Bytes for a memory amount.
   *
   * @throws SpecValidationException naming {@code field} when the text is not an amount of memory
   */
  public static long parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    long multiplier =
        switch (unit) {
          case "", "b" -> 1L;
          // JVM-style suffixes (128m) and Kubernetes binary ones (128Mi) both mean powers of 1024.
          case "k", "ki", "kb" -> 1L << 10;
          case "m", "mi", "mb" -> 1L << 20;
          case "g", "gi", "gb" -> 1L << 30;
          case "t", "ti", "tb" -> 1L << 40;
          default -> throw new SpecValidationException(field, text, ALLOWED);
        };
    long bytes = (long) (number * multiplier);
    if (bytes <= 0) {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    return bytes;
  }

  /** A short human form, e.g. {@code 256Mi}, {@code 1.5Gi}. */
  public static String format(long bytes) {
    String[] units = {"", "Ki", "Mi", "Gi", "Ti"};
    double value = bytes;
    int i = 0;
    while (value >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d%s", (long) value, units[i])
        : String.format(Locale.ROOT, "%.1f%s", value, units[i]);
  }
}
