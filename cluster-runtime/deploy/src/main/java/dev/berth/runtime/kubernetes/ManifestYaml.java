package dev.berth.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/** Rendered objects as one multi-document YAML file, the form {@code kubectl apply -f} and GitOps tools read. */
public final class ManifestYaml {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestYaml() {}

  /** The objects as YAML documents separated by {@code ---}, in apply order. */
  public static String write(List<HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      String yaml = SERIALIZATION.asYaml(object);
      // asYaml starts each document with its own marker; keep exactly one per object.
      out.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
      if (!yaml.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The objects of a multi-document YAML file, typed by their {@code apiVersion} and {@code kind}. */
  public static List<HasMetadata> read(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : yaml.split("(?m)^---\\s*$")) {
      if (!document.isBlank()) {
        objects.add(SERIALIZATION.unmarshal(document));
      }
    }
    return objects;
  }
}
