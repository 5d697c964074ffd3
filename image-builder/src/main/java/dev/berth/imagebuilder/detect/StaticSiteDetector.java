package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import java.io.IOException;
import java.util.List;

/** Static sites: {@code index.html} in the input or in {@code public/}, {@code dist/}, {@code build/}, {@code site/}. */
final class StaticSiteDetector implements StackDetector {

  @Override
  public String stack() {
    return "static";
  }

  @Override
  public boolean detect(Workspace ws, ReportDraft d) throws IOException {
    for (String dir : List.of("", "public", "dist", "build", "site")) {
      String index = dir.isEmpty() ? "index.html" : dir + "/index.html";
      if (!ws.isFile(index)) {
        continue;
      }
      d.stack = "static";
      d.subtype = dir.isEmpty() ? "root" : dir;
      d.artifact = new DetectReport.Artifact(dir.isEmpty() ? "index.html" : dir, "site", null, List.of());
      d.decide("stack", "static", Confidence.MEDIUM, "index.html", index, "no server manifest");
      d.start = new DetectReport.Start(List.of(), "/www", null, List.of());
      d.layer("site", dir.isEmpty() ? NodeDetector.sourcesExcept(ws, List.of("README.md", "README")) : List.of(dir),
          "/www/");
      return true;
    }
    return false;
  }
}
