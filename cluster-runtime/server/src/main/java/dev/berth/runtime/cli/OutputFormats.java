package dev.berth.runtime.cli;

import java.util.Locale;

/** Reads the {@code -o} option. */
final class OutputFormats {

  private OutputFormats() {}

  static OutputFormat parse(String value) {
    try {
      return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-o " + value + " is not an output format; use table, json or yaml");
    }
  }
}
