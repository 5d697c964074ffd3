package dev.berth.imagebuilder.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.imagebuilder.api.DetectReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code detect-report.json}: the record's fields in declaration order (the §2.9 order), nulls written as
 * {@code null}, map keys sorted, two-space indentation, a final newline, so equal reports are equal bytes.
 */
public final class DetectReportJson {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private DetectReportJson() {}

  public static String write(DetectReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a detect report always serializes", e);
    }
  }

  public static void write(DetectReport report, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, write(report));
  }

  public static DetectReport read(String json) throws IOException {
    return JSON.readValue(json, DetectReport.class);
  }
}
