package dev.berth.runtime.sizing;

/** How Berth's flags reach the JVM (JVM-SIZING.md §4.6). */
public enum Injection {
  /**
   * Every flag in {@code JAVA_TOOL_OPTIONS}: the command line carries no memory flags (Berth-built images moved
   * them to labels), so nothing competes. Read by every HotSpot 7–25, also through JNI launchers.
   */
  TOOL_OPTIONS,
  /**
   * Memory flags in {@code _JAVA_OPTIONS}, which HotSpot reads after the command line, so they beat a start
   * script's own {@code -Xmx}; the rest stays in {@code JAVA_TOOL_OPTIONS}. Used for images Berth did not build.
   */
  OVERRIDE_COMMAND_LINE
}
