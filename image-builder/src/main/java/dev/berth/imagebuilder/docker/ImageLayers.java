package dev.berth.imagebuilder.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The layers of an image in the engine with their uncompressed sizes, read from {@code docker save}'s stream
 * (the engine's inspect gives only the total): what a rebuild changed is the layers whose IDs are new.
 */
public final class ImageLayers {

  /** One layer: its diff ID ({@code sha256:…} of the uncompressed tar) and size in bytes. */
  public record Layer(String diffId, long bytes) {}

  private ImageLayers() {}

  /** The layers of {@code image}, base first. */
  public static List<Layer> of(String image) throws IOException {
    try (DockerClient docker = DockerClients.local();
        InputStream saved = docker.saveImageCmd(image).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(saved)) {
      Map<String, Long> sizes = new HashMap<>();
      Map<String, byte[]> json = new HashMap<>();
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.getName().endsWith("/layer.tar")) {
          sizes.put(entry.getName(), entry.getSize());
        } else if (entry.getName().endsWith(".json")) {
          json.put(entry.getName(), tar.readAllBytes());
        }
      }
      ObjectMapper mapper = new ObjectMapper();
      JsonNode manifest = mapper.readTree(json.get("manifest.json")).get(0);
      JsonNode config = mapper.readTree(json.get(manifest.get("Config").asText()));
      JsonNode diffIds = config.path("rootfs").path("diff_ids");
      List<Layer> layers = new ArrayList<>();
      JsonNode files = manifest.get("Layers");
      for (int i = 0; i < files.size(); i++) {
        layers.add(new Layer(diffIds.get(i).asText(), sizes.getOrDefault(files.get(i).asText(), 0L)));
      }
      return layers;
    }
  }

  /** Bytes of the layers of {@code after} that {@code before} does not have. */
  public static long changedBytes(List<Layer> before, List<Layer> after) {
    var known = before.stream().map(Layer::diffId).collect(java.util.stream.Collectors.toSet());
    return after.stream().filter(l -> !known.contains(l.diffId())).mapToLong(Layer::bytes).sum();
  }

  /** Total bytes of all layers. */
  public static long totalBytes(List<Layer> layers) {
    return layers.stream().mapToLong(Layer::bytes).sum();
  }

  /** Removes an image by reference, ignoring one that is already gone. */
  public static void remove(String image) {
    try (DockerClient docker = DockerClients.local()) {
      docker.removeImageCmd(image).withForce(true).exec();
    } catch (RuntimeException | IOException e) {
      // already gone or in use: nothing to clean up
    }
  }
}
