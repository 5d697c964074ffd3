package dev.berth.imagebuilder.inspect;

import dev.berth.imagebuilder.api.DetectReport;
import java.util.List;

/**
 * JVM flags after {@link FlagTranslator}: what goes on the command line, the report's account of it, warnings, and
 * the first flag that needs a runtime the catalog lacks (exit 5), if any.
 *
 * @param commandLine the flags for the entrypoint, in their original order, translations in place
 * @param flags kept, translated, dropped, and memory flags (which leave the command line)
 * @param warnings FLAG_DROPPED, FLAG_UNVERIFIED …
 * @param needsMigration a flag no runtime in the catalog accepts, or null
 */
public record TranslatedFlags(
    List<String> commandLine,
    DetectReport.Flags flags,
    List<DetectReport.Warning> warnings,
    String needsMigration) {

  public TranslatedFlags {
    commandLine = List.copyOf(commandLine);
    warnings = List.copyOf(warnings);
  }
}
