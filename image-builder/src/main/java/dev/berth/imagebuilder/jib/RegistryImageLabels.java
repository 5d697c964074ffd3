package dev.berth.imagebuilder.jib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;
import dev.berth.imagebuilder.api.RegistryAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an image's labels from its registry without pulling its layers: the manifest (for a list, the linux/amd64
 * entry), then the config blob. Through Jib's registry client, which speaks the registry's token handshake; the
 * client lives outside Jib's stable API package, so a Jib upgrade must keep {@code JibBackendIT}'s registry test green.
 * Logged in as {@link RegistryAuth} says (else anonymous); plain HTTP only for a registry on loopback, as for pushes.
 */
public final class RegistryImageLabels {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryImageLabels() {}

  /**
   * The labels of {@code reference} ({@code registry/repository:tag} or {@code @sha256:…}), empty when it has none.
   *
   * @throws IOException naming the reference when it is not valid, not found or the registry refuses or cannot be
   *     reached
   */
  public static Map<String, String> read(String reference, RegistryAuth auth) throws IOException {
    ImageReference image;
    try {
      image = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IOException("'" + reference + "' is not an image reference", e);
    }
    String registry = image.getRegistry();
    boolean loopback = registry.startsWith("127.") || registry.startsWith("localhost") || registry.startsWith("[::1]");
    FailoverHttpClient http = new FailoverHttpClient(loopback, false, event -> {});
    try {
      RegistryClient.Factory factory =
          RegistryClient.factory(EventHandlers.NONE, registry, image.getRepository(), http);
      Optional<Credential> login = RegistryCredentials.credential(auth, registry);
      login.ifPresent(factory::setCredential);
      RegistryClient client = factory.newRegistryClient();
      if (!client.doPullBearerAuth() && login.isPresent()) {
        // The registry asks for Basic (htpasswd) or nothing: Jib sends the login as it is, if there is one.
        client.configureBasicAuth();
      }
      ManifestTemplate manifest = client.pullManifest(image.getQualifier()).getManifest();
      List<String> platform = manifest instanceof V22ManifestListTemplate list
          ? list.getDigestsForPlatform("amd64", "linux")
          : manifest instanceof OciIndexTemplate index ? index.getDigestsForPlatform("amd64", "linux") : null;
      if (platform != null) {
        if (platform.isEmpty()) {
          throw new IOException(reference + " has no linux/amd64 image in its manifest list");
        }
        manifest = client.pullManifest(platform.get(0)).getManifest();
      }
      if (!(manifest instanceof BuildableManifestTemplate buildable)) {
        throw new IOException(reference + " has a schema-1 manifest, which carries no image config to read");
      }
      DescriptorDigest config = buildable.getContainerConfiguration().getDigest();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.pullBlob(config, size -> {}, bytes -> {}).writeTo(out);
      JsonNode labels = JSON.readTree(out.toByteArray()).path("config").path("Labels");
      Map<String, String> result = new LinkedHashMap<>();
      labels.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
      return result;
    } catch (RegistryUnauthorizedException e) {
      throw new IOException("the registry " + registry + " refused to show " + reference + " ("
          + firstLine(e.getMessage()) + "); " + RegistryCredentials.hint(auth, registry), e);
    } catch (RegistryException e) {
      throw new IOException("the registry " + registry + " did not give " + reference + "'s manifest and"
          + " config (" + firstLine(e.getMessage()) + ")", e);
    } finally {
      http.shutDown();
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no reason given" : message.strip().lines().findFirst().orElse("no reason given");
  }
}
