package dev.berth.imagebuilder.base;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (jlink, ldd, mmdebstrap) to completion, its output captured in a file for error messages. */
final class ToolProcess {

  /**
   * What a tool printed and its exit status.
   *
   * @param exitCode the exit status
   * @param output stdout and stderr, interleaved
   */
  record Result(int exitCode, String output) {

    /** The last lines of the output, for error messages. */
    String tail(int lines) {
      String[] all = output.split("\n");
      int from = Math.max(0, all.length - lines);
      return String.join("\n", Arrays.copyOfRange(all, from, all.length));
    }
  }

  private ToolProcess() {}

  static Result run(List<String> command, Map<String, String> env, Path workDir, long timeoutMinutes)
      throws BaseImageException {
    try {
      Files.createDirectories(workDir);
      Path log = Files.createTempFile(workDir, "tool-", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.directory(workDir.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new BaseImageException(
            "cannot start " + command.get(0) + " (" + e.getMessage() + "); install it (e.g. apt-get install "
                + command.get(0) + ") or put it on PATH");
      }
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new BaseImageException(command.get(0) + " did not finish within " + timeoutMinutes + " min");
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new BaseImageException("running " + command.get(0) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BaseImageException("interrupted while running " + command.get(0), e);
    }
  }

  /** Runs the tool and fails with its output's tail when it exits non-zero. */
  static String check(List<String> command, Map<String, String> env, Path workDir, long timeoutMinutes)
      throws BaseImageException {
    Result r = run(command, env, workDir, timeoutMinutes);
    if (r.exitCode() != 0) {
      throw new BaseImageException(
          String.join(" ", command.subList(0, Math.min(3, command.size())))
              + "… exited with "
              + r.exitCode()
              + ":\n"
              + r.tail(15));
    }
    return r.output();
  }
}
