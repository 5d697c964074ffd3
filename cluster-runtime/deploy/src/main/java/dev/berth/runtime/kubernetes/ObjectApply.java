package dev.berth.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/** How one rendered object is written to the cluster: server-side apply as field manager {@code berth}. */
@FunctionalInterface
public interface ObjectApply {

  /** Writes the object and returns it as the server stored it. */
  HasMetadata apply(KubernetesClient client, HasMetadata object);

  /**
   * Server-side apply, as {@code kubectl apply --server-side --force-conflicts --field-manager=berth}: Berth owns
   * the fields it renders and takes them back from hand edits; fields others own stay theirs.
   */
  static ObjectApply serverSide() {
    return (client, object) ->
        client.resource(object).fieldManager(KubernetesLabels.MANAGER).forceConflicts().serverSideApply();
  }

  /**
   * Create, or replace what exists: for API servers without server-side apply, such as fabric8's mock server
   * that Berth's tests run against. Takes every field, including those others set.
   */
  static ObjectApply createOrReplace() {
    return (client, object) -> client.resource(object).get() == null
        ? client.resource(object).create()
        : client.resource(object).update();
  }
}
