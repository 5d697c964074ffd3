package dev.berth.runtime.api.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/** CPU amounts as written in specs: {@code 500m}, {@code 0.5} or {@code 2} cores. */
public final class Millicores {

  static final String ALLOWED = "a positive CPU amount such as 250m, 0.5 or 2 (cores)";
  private static final Pattern CORES = Pattern.compile("\\d+(\\.\\d{1,3})?");
  private static final Pattern MILLIS = Pattern.compile("\\d+m");

  private Millicores() {}

  /**
   * Thousandths of a core.
   *
   * @throws SpecValidationException naming {@code field} when the text is not a CPU amount
   */
  public static long parse(String field, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    long millis;
    if (MILLIS.matcher(t).matches()) {
      millis = Long.parseLong(t.substring(0, t.length() - 1));
    } else if (CORES.matcher(t).matches()) {
      millis = Math.round(Double.parseDouble(t) * 1000);
    } else {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    if (millis <= 0) {
      throw new SpecValidationException(field, text, ALLOWED);
    }
    return millis;
  }

  /** A short human form: {@code 500m} or {@code 2}. */
  public static String format(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
  }
}
