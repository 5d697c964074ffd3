package dev.berth.runtime.sizing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HotSpot version as far as sizing cares: the feature release and, when known, the update.
 *
 * @param feature feature release, 7 to 25 and later
 * @param update update number ({@code 372} in 8u372, {@code 15} in 17.0.15), or {@code -1} when unknown
 */
public record JvmVersion(int feature, int update) {

  // 1.8.0_372, 1.7.0_80-b15
  private static final Pattern LEGACY = Pattern.compile("1\\.(\\d+)(?:\\.\\d+)?(?:_(\\d+))?(?:[-+].*)?");
  // 8u372, 8u372-b07, 7u80
  private static final Pattern UPDATE_FORM = Pattern.compile("(\\d+)u(\\d+)(?:[-+].*)?");
  // 17, 17.0.15, 17.0.15+6, 21.0.1.0.1, 25-ea
  private static final Pattern MODERN = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.\\d+)*(?:[-+].*)?");

  public JvmVersion {
    if (feature < 7) {
      throw new IllegalArgumentException("JDK " + feature + " is older than 7, which Berth does not size");
    }
    if (update < -1) {
      throw new IllegalArgumentException("update " + update + " is negative");
    }
  }

  /**
   * Reads a full version as a base image or {@code java -version} spells it: {@code 17.0.15}, {@code 1.8.0_372},
   * {@code 8u372}, {@code 25}.
   *
   * @throws IllegalArgumentException naming the text when it is not a Java version
   */
  public static JvmVersion parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("JDK version is empty; expected e.g. 17.0.15, 1.8.0_372 or 8u372");
    }
    String t = text.trim();
    Matcher m = LEGACY.matcher(t);
    if (m.matches()) {
      return new JvmVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? -1 : Integer.parseInt(m.group(2)));
    }
    m = UPDATE_FORM.matcher(t);
    if (m.matches()) {
      return new JvmVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = MODERN.matcher(t);
    if (m.matches()) {
      int feature = Integer.parseInt(m.group(1));
      // 17.0.15: the third number is the update; "17" alone says nothing about it.
      int update = m.group(3) != null ? Integer.parseInt(m.group(3)) : m.group(2) != null ? 0 : -1;
      return new JvmVersion(feature, update);
    }
    throw new IllegalArgumentException(
        "JDK version '" + text + "' is not a Java version; expected e.g. 17.0.15, 1.8.0_372 or 8u372");
  }

  /** A feature release with its update unknown; flag rules then assume the oldest update. */
  public static JvmVersion feature(int feature) {
    return new JvmVersion(feature, -1);
  }

  /** Whether this is feature 8 at or after the given update, or any later feature (an unknown update is 0). */
  boolean atLeast8u(int u) {
    return feature > 8 || feature == 8 && update >= u;
  }

  /** Whether the JVM sizes itself from the container's limit (JDK 10+ and 8u191+, cgroup v1). */
  public boolean containerAware() {
    return atLeast8u(191);
  }

  @Override
  public String toString() {
    if (update < 0) {
      return Integer.toString(feature);
    }
    return feature <= 8 ? feature + "u" + update : feature + ".0." + update;
  }
}
