package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.ArchiveUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Dist archives ({@code jvm-dist/dist-zip}): a zip or tar(.gz) as Gradle's {@code distZip}/{@code distTar} or the
 * application plugin writes it, unpacked safely into a temporary folder (its single top folder, if any, becomes
 * {@code /app}) and detected like a dist folder.
 */
final class DistZipDetector {

  private DistZipDetector() {}

  static Path detect(StackDetection detection, Path archive, String name, DetectOptions o, ReportDraft d, Path temp)
      throws DetectionFailure, IOException {
    Path into = temp.resolve("unpacked");
    Files.createDirectories(into);
    try {
      ArchiveUnpacker.unpack(archive, name, into);
    } catch (ArchiveException e) {
      throw LegacyJarDetector.corrupt(e);
    }
    Path root = into;
    try (Stream<Path> s = Files.list(into)) {
      List<Path> top = s.toList();
      if (top.size() == 1 && Files.isDirectory(top.get(0))) {
        root = top.get(0);
      }
    }
    Path result = detection.folder(new Workspace(root, o), d, temp, "dist-zip");
    if (d.artifact != null) {
      d.artifact = new DetectReport.Artifact(name + "!/" + d.artifact.path(), d.artifact.kind(),
          d.artifact.sha256(), d.artifact.excluded());
    }
    return result;
  }
}
