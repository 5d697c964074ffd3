package dev.berth.jenkins.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The sentences of this package's {@code Messages.properties}, formatted with {@link MessageFormat}. Jenkins'
 * localizer generates such a class from the same file; its Maven plugin is not on Maven Central.
 */
final class StepMessages {

  private static final Properties MESSAGES = load();

  private StepMessages() {}

  /** The message for {@code key} with its {0}, {1} … filled in. */
  static String format(String key, Object... args) {
    String pattern = MESSAGES.getProperty(key);
    if (pattern == null) {
      throw new IllegalArgumentException("no message '" + key + "' in dev/berth/jenkins/steps/Messages.properties");
    }
    return new MessageFormat(pattern, Locale.ROOT).format(args);
  }

  static Properties messages() {
    Properties copy = new Properties();
    copy.putAll(MESSAGES);
    return copy;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = StepMessages.class.getResourceAsStream("Messages.properties")) {
      if (in == null) {
        throw new IllegalStateException("Messages.properties is missing next to " + StepMessages.class.getName());
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
