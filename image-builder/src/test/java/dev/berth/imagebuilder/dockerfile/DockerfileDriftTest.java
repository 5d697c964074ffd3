package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileDriftTest {

  @TempDir Path tmp;

  private final BaseImageCatalog catalog = BaseImageCatalog.load();

  private String rendered(DetectReport report) throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    return Files.readString(
        DockerfileRenderer.standard().render(report, root, RenderOptions.into(tmp.resolve("out"))).dockerfile());
  }

  @Test
  void check_asGenerated_findsNothing() throws Exception {
    DetectReport report = Reports.distJdk7();
    assertThat(DockerfileDrift.check(rendered(report), report, catalog)).isEmpty();
  }

  @Test
  void check_changedStartAndPort_areWarnings() throws Exception {
    DetectReport report = Reports.distJdk7();
    String edited = rendered(report)
        .replace("EXPOSE 8081", "EXPOSE 9000")
        .replace("\"com.acme.billing.Main\"]", "\"com.acme.billing.Other\"]");
    List<DockerfileDrift.Finding> findings = DockerfileDrift.check(edited, report, catalog);
    assertThat(findings).extracting(DockerfileDrift.Finding::error).containsOnly(false);
    assertThat(findings).extracting(DockerfileDrift.Finding::message)
        .anyMatch(m -> m.startsWith("ENTRYPOINT differs"))
        .anyMatch(m -> m.contains("EXPOSE 9000 differs from the detected port 8081"));
  }

  @Test
  void check_baseBelowTheFloor_isAnError() throws Exception {
    DetectReport report = Reports.distJdk7();
    DetectReport floor25 = new DetectReport(report.schema(), report.berthVersion(), report.outcome(),
        report.exitCode(), report.confidence(), report.stack(), report.subtype(), report.artifact(),
        report.decisions(), new DetectReport.Jdk(25, 25, 8, 25, "floor-lts", null, List.of()), report.start(),
        report.server(), report.port(), report.health(), report.agents(), report.flags(), report.writableDirs(),
        report.layers(), report.labels(), report.candidates(), report.nearMisses(), report.warnings(),
        report.overrides(), report.error());
    String edited = rendered(floor25).replace("FROM eclipse-temurin:25-jre", "FROM eclipse-temurin:17-jre");
    assertThat(DockerfileDrift.check(edited, floor25, catalog))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.error()).isTrue();
          assertThat(f.message()).contains("Java 17, below the app's floor 25");
        });
  }
}
