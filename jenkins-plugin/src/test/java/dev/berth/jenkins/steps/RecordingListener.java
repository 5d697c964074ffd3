package dev.berth.jenkins.steps;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log for unit tests that keeps what was printed. */
final class RecordingListener implements TaskListener {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream logger = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Override
  public PrintStream getLogger() {
    return logger;
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
