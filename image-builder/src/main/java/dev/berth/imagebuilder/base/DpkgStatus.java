package dev.berth.imagebuilder.base;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Package versions from a Debian root's {@code /var/lib/dpkg/status}, for the bases' runtime-version labels. */
final class DpkgStatus {

  private static final Pattern UPSTREAM = Pattern.compile("^(?:\\d+:)?(\\d+(?:\\.\\d+)*)");

  private final Map<String, String> versions;

  private DpkgStatus(Map<String, String> versions) {
    this.versions = Map.copyOf(versions);
  }

  static DpkgStatus parse(String status) {
    Map<String, String> versions = new HashMap<>();
    String pkg = null;
    for (String line : status.split("\n")) {
      if (line.startsWith("Package: ")) {
        pkg = line.substring("Package: ".length()).trim();
      } else if (line.startsWith("Version: ") && pkg != null) {
        versions.put(pkg, line.substring("Version: ".length()).trim());
      } else if (line.isBlank()) {
        pkg = null;
      }
    }
    return new DpkgStatus(versions);
  }

  /** The Debian version of an installed package, e.g. {@code 18.19.0+dfsg-6~deb12u2}. */
  Optional<String> version(String pkg) {
    return Optional.ofNullable(versions.get(pkg));
  }

  /** The upstream part of a Debian version: {@code 2:1.19.8-2} → {@code 1.19.8}, {@code 3.11.2-6+deb12u5} → 3.11.2. */
  static String upstream(String debianVersion) {
    Matcher m = UPSTREAM.matcher(debianVersion);
    return m.find() ? m.group(1) : debianVersion;
  }
}
