package dev.berth.imagebuilder.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectReportJsonTest {

  @TempDir Path dir;

  @Test
  void roundTrip_sameReport_fieldsInSection29Order() throws Exception {
    try (Detection d = ImageBuilder.detect(Samples.l1DistJdk7(dir), DetectOptions.none())) {
      String json = DetectReportJson.write(d.report());
      DetectReport back = DetectReportJson.read(json);
      assertThat(back).isEqualTo(d.report());
      assertThat(json.indexOf("\"schema\"")).isLessThan(json.indexOf("\"outcome\""));
      assertThat(json.indexOf("\"layers\"")).isLessThan(json.indexOf("\"warnings\""));
      assertThat(json).contains("\"server\" : null", "\"error\" : null");
    }
  }

  @Test
  void detectedReports_renderIntoDockerfiles() throws Exception {
    for (Path app : new Path[] {Samples.l1DistJdk7(dir), Samples.l3Agent(dir), Samples.l4WarJavax(dir),
        Samples.b2Boot27(dir), Samples.n1Node(dir), Samples.p1Python(dir), Samples.s1Static(dir)}) {
      try (Detection d = ImageBuilder.detect(app, DetectOptions.none())) {
        Path out = dir.resolve("out-" + app.getFileName());
        DockerfileRenderer.standard().render(d.report(), d.root(), RenderOptions.into(out).offline(true));
        assertThat(Files.readString(out.resolve("Dockerfile"))).as(app.toString()).contains("FROM ");
      }
    }
  }

  @Test
  void errorText_hasTheSection29Lines() throws Exception {
    try (Detection d = ImageBuilder.detect(Samples.u1Unknown(dir), DetectOptions.none())) {
      String text = DetectReportText.error(d.report(), null);
      assertThat(text).startsWith("ERROR [UNKNOWN_STACK] ").contains("(exit 3)\n", "  Looked for:  ",
          "  Found:       bin/start.bat (Windows script)", "  Near misses: bin/start.bat: only Windows scripts",
          "  Fix:         ");
    }
  }
}
