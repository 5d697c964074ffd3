package dev.berth.runtime.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in = ApiJsonTest.class.getResourceAsStream("/json/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readSpec_fullYaml_readsEveryPart() throws IOException {
    AppSpec spec = ApiJson.readSpec(fixture("app-full.yaml"));

    assertThat(spec.key()).isEqualTo("team-a/shop");
    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.resources().memoryBytes()).isEqualTo(512L << 20);
    assertThat(spec.resources().cpuMillis()).isEqualTo(500);
    assertThat(spec.jvm().facts().jdkRuntime()).isEqualTo(17);
    assertThat(spec.env()).containsEntry("PORT", "8080");
    assertThat(spec.healthPort()).isEqualTo(8080);
    assertThat(spec.update().surgeFor(3)).isEqualTo(1);
    assertThat(spec.update().unavailableFor(3)).isZero();
    assertThat(spec.placement().get(0).values()).containsExactly("a", "b");
    assertThat(spec.configFiles().get(0).content()).isEqualTo("color=blue\n");
    assertThat(spec.target()).isEqualTo("kubernetes");
    assertThat(spec.network().isolate()).isTrue();
    assertThat(spec.network().host()).isEqualTo("shop.example.com");
  }

  @Test
  void spec_roundTripsThroughJsonAndYaml() throws IOException {
    AppSpec spec = ApiJson.readSpec(fixture("app-full.yaml"));

    assertThat(ApiJson.readSpec(ApiJson.toJson(spec))).isEqualTo(spec);
    assertThat(ApiJson.readSpec(ApiJson.toYaml(spec))).isEqualTo(spec);
  }

  @Test
  void readSpec_minimal_fillsDefaults() {
    AppSpec spec = ApiJson.readSpec("{\"name\": \"web\", \"image\": \"web:1\"}");

    assertThat(spec.namespace()).isEqualTo("default");
    assertThat(spec.replicas()).isEqualTo(1);
    assertThat(spec.update().maxSurge()).isEqualTo("25%");
    assertThat(spec.update().progressDeadlineDuration().toSeconds()).isEqualTo(600);
    assertThat(spec.jvm().automatic()).isTrue();
  }

  @Test
  void readSpec_nestedBadValue_namesFullPathValueAndAllowed() {
    assertThatThrownBy(() -> ApiJson.readSpec("name: web\nimage: web:1\nresources:\n  memory: lots\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("resources.memory");
              assertThat(e.value()).isEqualTo("lots");
              assertThat(e.allowed()).contains("256Mi");
            });
  }

  @Test
  void readSpec_badListElement_namesIndex() {
    assertThatThrownBy(
            () -> ApiJson.readSpec("name: web\nimage: web:1\nports:\n  - port: 80\n  - port: 70000\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class, e -> assertThat(e.field()).isEqualTo("ports[1].port"));
  }

  @Test
  void readSpec_unknownField_namesItAndTheKnownOnes() {
    assertThatThrownBy(() -> ApiJson.readSpec("name: web\nimage: web:1\nreplica: 2\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("replica");
              assertThat(e.allowed()).contains("replicas");
            });
  }

  @Test
  void readSpec_wrongType_namesFieldAndValue() {
    assertThatThrownBy(() -> ApiJson.readSpec("name: web\nimage: web:1\nreplicas: two\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("replicas");
              assertThat(e.value()).isEqualTo("two");
              assertThat(e.allowed()).contains("whole number");
            });
  }

  @Test
  void readSpec_crossFieldRules_nameTheField() {
    assertThatThrownBy(() -> ApiJson.readSpec("name: web\nimage: web:1\nhealth:\n  http:\n    path: /h\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class, e -> assertThat(e.field()).isEqualTo("health.http.port"));
    assertThatThrownBy(
            () -> ApiJson.readSpec("name: web\nimage: web:1\nupdate:\n  maxSurge: 0\n  maxUnavailable: 0%\n"))
        .isInstanceOfSatisfying(
            SpecValidationException.class, e -> assertThat(e.field()).isEqualTo("update.maxUnavailable"));
    assertThatThrownBy(() -> ApiJson.readSpec("name: Web_1\nimage: web:1\n"))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.value()).isEqualTo("Web_1"));
  }

  @Test
  void readSpec_syntaxError_saysWhere() {
    assertThatThrownBy(() -> ApiJson.readSpec("name: web\n  image: [\n"))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("line");
  }
}
