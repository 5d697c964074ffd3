package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Image;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.dockerfile.RenderedDockerfile;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.testing.DockerEngine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency-layer cache on a real engine: a Dockerfile cut at {@code # berth:cache-above} gives the same
 * image as the uncut file, a rebuild after an app change reuses the cache image and sends only the app, and a
 * changed library builds a new cache image instead of reusing a stale one.
 */
@ExtendWith(DockerEngine.class)
class LayerCacheIT {

  static final String BASE = "berth/static:busybox";
  static final String NAME = "layer-cache-it-" + DockerEngine.runId().toLowerCase().replaceAll("[^a-z0-9]", "");
  static final String CACHED = "berth-test/" + NAME + ":cached";
  static final String PLAIN = "berth-test/" + NAME + "-plain:1";

  static DockerClient docker;

  @TempDir Path dir;

  @BeforeAll
  static void base() throws Exception {
    BaseImages.shared().ensure("static");
    docker = DockerClients.local();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    ImageLayers.remove(CACHED);
    ImageLayers.remove(PLAIN);
    for (Image image : docker.listImagesCmd().withReferenceFilter("berth-cache/" + NAME).exec()) {
      for (String tag : image.getRepoTags()) {
        ImageLayers.remove(tag);
      }
    }
    docker.close();
  }

  static String dockerfile(boolean marker) {
    return "FROM " + BASE + "\n"
        + "LABEL org.opencontainers.image.title=\"cache\" \\\n      dev.berth.stack=\"static\"\n"
        + "WORKDIR /www\n"
        + "COPY --chown=10001:0 context/dependencies/ /www/lib/\n"
        + "USER 10001:0\nEXPOSE 8080\n"
        + "HEALTHCHECK --interval=30s CMD [\"true\"]\n"
        + "CMD [\"httpd\",\"-f\",\"-p\",\"8080\",\"-h\",\"/www\"]\n"
        + (marker ? CacheSplit.MARKER + "  (explanation)\n" : "")
        + "COPY --chown=10001:0 context/application/ /www/\n";
  }

  Path context(boolean marker, String library, String app) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), dockerfile(marker));
    Files.writeString(dir.resolve(".dockerignore"), "*\n!context\n");
    Files.createDirectories(dir.resolve("context/dependencies"));
    Files.createDirectories(dir.resolve("context/application"));
    Files.writeString(dir.resolve("context/dependencies/lib.txt"), library);
    Files.writeString(dir.resolve("context/application/index.html"), app);
    return dir;
  }

  List<BuildEvent> build(Path context, String image) throws Exception {
    RenderedDockerfile rendered =
        new RenderedDockerfile(context, "static", "static", "static", BASE, null, false, null);
    List<BuildEvent> events = new ArrayList<>();
    new EngineBackend(null, Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))
        .build(new BuildPlan.DockerfileBuild(rendered, List.of(image), new BuildTarget.Engine()), events::add);
    return events;
  }

  /**
   * The last layer's entries as "path type mode owner size sha-256 [time]": every field but the times of
   * folders, which the engine sets when a COPY adds to them.
   */
  static List<String> lastLayerEntries(String image) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream saved = docker.saveImageCmd(image).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(saved)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          files.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    JsonNode layers = new ObjectMapper().readTree(files.get("manifest.json")).get(0).get("Layers");
    byte[] layer = files.get(layers.get(layers.size() - 1).asText());
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar.readAllBytes()));
        entries.add(e.getName() + " " + (e.isDirectory() ? "dir" : e.isSymbolicLink() ? "link " + e.getLinkName()
            : "file") + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
            + " " + e.getSize() + " " + digest + (e.isDirectory() ? "" : " " + e.getModTime().getTime()));
      }
    }
    return entries;
  }

  static List<String> steps(List<BuildEvent> events) {
    return events.stream().filter(e -> e.kind() == BuildEvent.Kind.STEP).map(BuildEvent::message).toList();
  }

  @Test
  void cutBuild_equalsTheUncutBuild_reusesTheCache_andRebuildsItForNewLibraries() throws Exception {
    Path context = context(true, "library 1", "app 1");
    List<BuildEvent> first = build(context, CACHED);
    assertThat(steps(first)).anyMatch(s -> s.startsWith("Building the dependency layers once, as berth-cache/"));

    // Same files, same times, no marker: the plain build must give the same layers and settings.
    Files.writeString(context.resolve("Dockerfile"), dockerfile(false));
    build(context, PLAIN);
    InspectImageResponse cached = docker.inspectImageCmd(CACHED).exec();
    InspectImageResponse plain = docker.inspectImageCmd(PLAIN).exec();
    List<String> cachedLayers = cached.getRootFS().getLayers();
    List<String> plainLayers = plain.getRootFS().getLayers();
    assertThat(cachedLayers).hasSameSizeAs(plainLayers);
    // Base and library layers are the same layers; the app layer holds the same files. Its folder /www is in it
    // with the time of the COPY (the engine stamps a folder that gains files), so its ID differs by the clock.
    assertThat(cachedLayers.subList(0, cachedLayers.size() - 1))
        .isEqualTo(plainLayers.subList(0, plainLayers.size() - 1));
    assertThat(lastLayerEntries(CACHED)).isEqualTo(lastLayerEntries(PLAIN)).anyMatch(e -> e.startsWith("www/index.html "));
    ContainerConfig c = cached.getConfig();
    ContainerConfig p = plain.getConfig();
    assertThat(c.getCmd()).isEqualTo(p.getCmd());
    assertThat(c.getUser()).isEqualTo(p.getUser()).isEqualTo("10001:0");
    assertThat(c.getWorkingDir()).isEqualTo(p.getWorkingDir());
    assertThat(c.getExposedPorts()).isEqualTo(p.getExposedPorts());
    assertThat(c.getHealthcheck()).isEqualTo(p.getHealthcheck());
    assertThat(c.getLabels()).containsAllEntriesOf(p.getLabels());

    // An app change: the cache image is reused and the builder never sees the library COPY.
    Files.writeString(context.resolve("Dockerfile"), dockerfile(true));
    Files.writeString(context.resolve("context/application/index.html"), "app 2");
    List<BuildEvent> rebuild = build(context, CACHED);
    assertThat(steps(rebuild)).anyMatch(s -> s.startsWith("Reusing the unchanged dependency layers in berth-cache/"));
    assertThat(rebuild).noneMatch(e -> e.message().contains("context/dependencies"));
    List<String> afterAppChange = docker.inspectImageCmd(CACHED).exec().getRootFS().getLayers();
    assertThat(afterAppChange.subList(0, afterAppChange.size() - 1))
        .isEqualTo(cached.getRootFS().getLayers().subList(0, afterAppChange.size() - 1));
    assertThat(afterAppChange.get(afterAppChange.size() - 1))
        .isNotEqualTo(cached.getRootFS().getLayers().get(afterAppChange.size() - 1));

    // A library change: a new cache image, so the image carries the new library, never the stale one.
    Files.writeString(context.resolve("context/dependencies/lib.txt"), "library 2");
    List<BuildEvent> newLibrary = build(context, CACHED);
    assertThat(steps(newLibrary)).anyMatch(s -> s.startsWith("Building the dependency layers once, as berth-cache/"));
    List<String> afterLibraryChange = docker.inspectImageCmd(CACHED).exec().getRootFS().getLayers();
    int libraryLayer = afterLibraryChange.size() - 2;
    assertThat(afterLibraryChange.get(libraryLayer)).isNotEqualTo(afterAppChange.get(libraryLayer));
  }
}
