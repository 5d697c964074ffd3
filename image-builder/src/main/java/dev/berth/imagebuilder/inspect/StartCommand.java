package dev.berth.imagebuilder.inspect;

import java.util.List;

/**
 * What a start script runs, worked out by {@link StartScriptParser}: the {@code java} command's arguments with
 * variables resolved and the script's directory mapped to {@code /app/…}, and what was left out on the way.
 *
 * @param script the script, relative to the input
 * @param javaLine the line number of the {@code java} command, or 0 when the script runs no java
 * @param lines the lines that mattered, as {@code "<n>: <text>"}
 * @param workdir the directory the command runs in, absolute under {@code /app}
 * @param javaArgs the arguments after {@code java}, in order
 * @param removed what was dropped from the command: {@code nohup}, {@code &}, redirects, pid files, {@code cd}
 * @param unresolved lines that could not be resolved before the java command, as {@code "<n>: <text>"}
 * @param unsetVariables variables used but never set in the script (e.g. {@code JAVA_OPTS})
 * @param unresolvedLine the first unresolved line's number, or 0
 */
public record StartCommand(
    String script,
    int javaLine,
    List<String> lines,
    String workdir,
    List<String> javaArgs,
    List<String> removed,
    List<String> unresolved,
    List<String> unsetVariables,
    int unresolvedLine) {

  public StartCommand {
    lines = List.copyOf(lines);
    javaArgs = List.copyOf(javaArgs);
    removed = List.copyOf(removed);
    unresolved = List.copyOf(unresolved);
    unsetVariables = List.copyOf(unsetVariables);
  }

  /** Whether the script runs java. */
  public boolean runsJava() {
    return javaLine > 0;
  }

  /** {@code path} (relative to {@link #workdir} unless absolute) as a normalized absolute path. */
  public String resolve(String path) {
    return StartScriptParser.resolve(workdir, path);
  }
}
