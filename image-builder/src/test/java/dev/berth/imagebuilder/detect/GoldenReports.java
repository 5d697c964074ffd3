package dev.berth.imagebuilder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.report.DetectReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden {@code detect-report.json} files under {@code src/test/resources/golden/<id>/}. Hashes are replaced by
 * {@code <sha256>} (compiled bytes may differ between JDK builds); {@code -Dberth.golden.update=true} rewrites them.
 */
final class GoldenReports {

  static final Path DIR = Path.of("src/test/resources/golden");

  private GoldenReports() {}

  static String normalized(DetectReport report) {
    return DetectReportJson.write(report).replaceAll("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"<sha256>\"");
  }

  static void check(String id, DetectReport report) throws IOException {
    Path file = DIR.resolve(id).resolve("detect-report.json");
    String actual = normalized(report);
    if (Boolean.getBoolean("berth.golden.update") || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    assertThat(actual).as("golden " + file + " (rerun with -Dberth.golden.update=true after a deliberate change)")
        .isEqualTo(Files.readString(file));
  }
}
