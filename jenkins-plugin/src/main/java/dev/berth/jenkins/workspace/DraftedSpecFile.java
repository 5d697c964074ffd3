package dev.berth.jenkins.workspace;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.deploy.AppSpecDraft;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A first app spec for an app folder: detection (as {@code berthDetect} runs it) gives the app's facts, {@link
 * AppSpecDraft} turns them into a spec, and the spec is written to {@code <folder>/.berth/app.yaml} so it can be
 * read, archived, edited and committed.
 */
public final class DraftedSpecFile {

  /** Where the drafted spec is written, relative to the app folder. */
  public static final String FILE = ".berth/app.yaml";

  private DraftedSpecFile() {}

  /**
   * Detects the app in {@code folder}, drafts its spec and writes it.
   *
   * @param folderName the folder as the pipeline names it (e.g. {@code dist}), for messages
   * @return the draft; its file is {@code folder.resolve(FILE)}
   * @throws DraftException when detection fails or an override does not fit the app; the message is one line
   *     naming the folder, the reason and the fix
   * @throws IOException when the file cannot be written
   */
  public static AppSpecDraft write(
      Path folder, String folderName, String app, String namespace, String image, AppSpecDraft.Overrides overrides)
      throws DraftException, IOException {
    AppSpecDraft draft;
    DetectOptions options = new DetectOptions(null, null, null, null, null, false, "step");
    try (Detection detection = ImageBuilder.detect(folder, options)) {
      DetectReport report = detection.report();
      if (report.outcome() != DetectReport.Outcome.OK) {
        DetectReport.Problem p = report.error();
        // Detection's fix may span lines (berth.yaml and pipeline variants): the step's failure is one line.
        String fix = p == null || p.fix() == null ? "" : p.fix().strip().replaceAll("\\s+", " ") + ", or ";
        String reason = p == null ? "without a reason" : p.headline().strip().replaceAll("\\s+", " ");
        throw new DraftException("cannot draft a spec for '" + app + "': detection in " + folderName + " failed ["
            + report.outcome() + "] " + reason + "; fix: " + fix + "pass the app's spec file, e.g. spec: '"
            + specPath(folderName) + "'");
      }
      try {
        draft = AppSpecDraft.draft(app, namespace, image, FactLabels.fromLabels(report.labels()), overrides);
      } catch (IllegalArgumentException e) {
        throw new DraftException("cannot draft a spec for '" + app + "' from " + folderName + ": " + e.getMessage());
      }
    }
    Path file = folder.resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, draft.yaml(), StandardCharsets.UTF_8);
    return draft;
  }

  /** The drafted file's path as the pipeline names it: {@code dist/.berth/app.yaml}, or {@code .berth/app.yaml}. */
  public static String specPath(String folderName) {
    return folderName == null || folderName.isEmpty() || folderName.equals(".") ? FILE : folderName + "/" + FILE;
  }

  /** No spec could be drafted; the message is one line with the folder, the reason and the fix. */
  public static final class DraftException extends Exception {
    public DraftException(String message) {
      super(message);
    }
  }
}
