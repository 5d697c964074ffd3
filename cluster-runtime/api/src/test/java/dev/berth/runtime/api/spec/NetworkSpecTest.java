package dev.berth.runtime.api.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.json.ApiJson;
import org.junit.jupiter.api.Test;

/** The spec's {@code target} and {@code network} fields: optional, validated with the field's path. */
class NetworkSpecTest {

  private static final String BASE = "name: web\nimage: web:1\n";

  @Test
  void absent_leavesBothNullAndMeansBerthNotIsolatedClusterInternal() {
    AppSpec spec = ApiJson.readSpec(BASE);

    assertThat(spec.target()).isNull();
    assertThat(spec.network()).isNull();
    assertThat(spec.targetOrDefault()).isEqualTo("berth");
    assertThat(spec.networkOrDefaults()).isEqualTo(new NetworkSpec(false, "cluster", null));
    // Specs written before the fields existed serialize as they did.
    assertThat(ApiJson.toJson(spec)).doesNotContain("target").doesNotContain("network");
  }

  @Test
  void given_areReadNormalizedAndRoundTrip() {
    AppSpec spec = ApiJson.readSpec(
        BASE + "target: Kubernetes\nnetwork:\n  isolate: true\n  expose: NodePort\n");

    assertThat(spec.target()).isEqualTo("kubernetes");
    assertThat(spec.network()).isEqualTo(new NetworkSpec(true, "nodeport", null));
    assertThat(ApiJson.readSpec(ApiJson.toYaml(spec))).isEqualTo(spec);
  }

  @Test
  void unknownTarget_namesTheFieldTheValueAndTheChoices() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "target: nomad\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("target");
          assertThat(e.value()).isEqualTo("nomad");
          assertThat(e.allowed()).contains("berth").contains("kubernetes");
        });
  }

  @Test
  void unknownExpose_namesTheNestedField() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "network: {expose: loadbalancer}\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("network.expose");
          assertThat(e.value()).isEqualTo("loadbalancer");
          assertThat(e.allowed()).isEqualTo("one of cluster, nodeport, ingress");
        });
  }

  @Test
  void hostWithoutIngress_isRefusedWithTheFix() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "network: {expose: nodeport, host: shop.example.com}\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("network.host");
          assertThat(e.value()).isEqualTo("shop.example.com");
          assertThat(e.allowed()).contains("add expose: ingress or remove host");
        });
  }

  @Test
  void ingressWithoutHost_asksForOne() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "network: {expose: ingress}\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("network.host");
          assertThat(e.allowed()).contains("host: shop.example.com");
        });
  }

  @Test
  void badHostName_isRefused() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "network: {expose: ingress, host: 'Shop_Example'}\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("network.host");
          assertThat(e.value()).isEqualTo("Shop_Example");
        });
    assertThat(ApiJson.readSpec(BASE + "network: {expose: ingress, host: '*.apps.example.com'}\n")
        .network().host()).isEqualTo("*.apps.example.com");
  }

  @Test
  void unknownNetworkField_listsTheKnownOnes() {
    assertThatThrownBy(() -> ApiJson.readSpec(BASE + "network: {isolated: true}\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("network.isolated");
          assertThat(e.allowed()).contains("isolate").contains("expose").contains("host");
        });
  }

  @Test
  void targetAndNetwork_doNotMakeANewRevision() {
    AppSpec before = ApiJson.readSpec(BASE);
    AppSpec after = ApiJson.readSpec(BASE + "target: kubernetes\nnetwork: {isolate: true}\n");

    assertThat(after.differsInTemplate(before)).isFalse();
    assertThat(ApiJson.readSpec("name: web\nimage: web:2\n").differsInTemplate(before)).isTrue();
  }
}
