package dev.berth.imagebuilder.steps;

import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.dockerfile.DockerfileException;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.dockerfile.RenderOptions;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the Dockerfile and context; with no base chosen by the user, keeps the public base when the engine has it
 * or can pull it, and otherwise renders again FROM the offline base and says so in one line (air-gapped machines
 * need no flag).
 */
final class RenderDockerfileStep {

  private final DockerfileRenderer renderer;
  private final BaseImageCatalog catalog;
  private final BuildBackend engine;

  RenderDockerfileStep(DockerfileRenderer renderer, BaseImageCatalog catalog, BuildBackend engine) {
    this.renderer = renderer;
    this.catalog = catalog;
    this.engine = engine;
  }

  RenderedDockerfile run(DetectReport report, Path root, boolean disposableRoot, BuildRequest request,
      Path outputDir, BuildListener listener) throws ImageBuildException {
    boolean offline = Boolean.TRUE.equals(request.offline());
    RenderOptions options = RenderOptions.into(outputDir).baseImage(request.baseImage()).offline(offline)
        .linkFromRoot(disposableRoot);
    listener.onEvent(BuildEvent.step("Writing the Dockerfile and context to " + outputDir));
    RenderedDockerfile rendered = render(report, root, options);
    if (request.offline() != null || request.baseImage() != null || rendered.keptEdits()) {
      // The user chose (flag, --base-image or a hand-edited FROM): never second-guess it.
      return rendered;
    }
    List<String> missing = new ArrayList<>();
    try {
      for (String image : publicImages(rendered)) {
        if (!engine.baseAvailable(image, listener)) {
          missing.add(image);
        }
      }
    } catch (ImageBuildException noEngine) {
      if (request.daemonless()) {
        // No engine to ask: Jib reads the public base from its registry.
        return rendered;
      }
      throw noEngine;
    }
    if (missing.isEmpty()) {
      return rendered;
    }
    RenderedDockerfile fallback = render(report, root, options.offline(true));
    listener.onEvent(BuildEvent.notice(
        "public base " + String.join(", ", missing) + " is neither in the engine nor pullable; using Berth's"
            + " offline base " + fallback.baseImage() + " instead"));
    for (String image : offlineImages(fallback)) {
      if (!engine.baseAvailable(image, BuildListener.none())) {
        throw new ImageBuildException(
            "neither the public base " + String.join(", ", missing) + " nor the offline base " + image
                + " is available; build the offline one with `berth base-images --only " + baseIdOf(image)
                + "`, or pull the public one");
      }
    }
    return fallback;
  }

  private RenderedDockerfile render(DetectReport report, Path root, RenderOptions options)
      throws ImageBuildException {
    try {
      return renderer.render(report, root, options);
    } catch (DockerfileException e) {
      throw new ImageBuildException(e.getMessage(), e);
    }
  }

  private List<String> publicImages(RenderedDockerfile r) {
    List<String> images = new ArrayList<>(List.of(r.baseImage()));
    if (r.buildBaseId() != null) {
      images.add(catalog.get(r.buildBaseId()).image());
    }
    return images;
  }

  private List<String> offlineImages(RenderedDockerfile r) {
    List<String> images = new ArrayList<>(List.of(r.baseImage()));
    if (r.buildBaseId() != null) {
      images.add(catalog.get(r.buildBaseId()).offline());
    }
    return images;
  }

  private String baseIdOf(String offlineImage) {
    return catalog.all().stream()
        .filter(b -> b.offline().equals(offlineImage))
        .map(b -> b.id())
        .findFirst()
        .orElse("ID");
  }
}
