package dev.berth.imagebuilder.base;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ldd} output into the shared libraries a binary needs: soname → resolved host path. */
final class LddOutput {

  private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
  private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

  private LddOutput() {}

  /**
   * The libraries in one or more {@code ldd} outputs. The vDSO, "not found" entries (libjvm is dlopen'ed, so
   * {@code libjvm.so => not found} is normal for {@code lib/*.so}) and file headers are skipped; the loader maps to
   * its own absolute path.
   */
  static Map<String, String> libraries(String lddText) {
    Map<String, String> libs = new LinkedHashMap<>();
    for (String line : lddText.split("\n")) {
      Matcher resolved = RESOLVED.matcher(line);
      if (resolved.matches()) {
        libs.putIfAbsent(resolved.group(1), resolved.group(2));
        continue;
      }
      Matcher loader = LOADER.matcher(line);
      if (loader.matches()) {
        libs.putIfAbsent(loader.group(1), loader.group(1));
      }
    }
    return libs;
  }
}
