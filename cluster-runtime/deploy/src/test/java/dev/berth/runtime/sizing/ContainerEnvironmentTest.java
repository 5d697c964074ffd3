package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.SpecValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {

  private final ContainerEnvironment sized = ContainerEnvironment.sized();

  @Test
  void jvmAppBuiltByBerth_getsSizedFlagsInJavaToolOptions() {
    Map<String, String> env =
        sized.of(ApiJson.readSpec(
            "name: shop\nimage: shop:1\nresources: {memory: 512Mi}\nenv: {A: b}\n"
                + "jvm: {facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n"));

    assertThat(env).containsEntry("A", "b").containsKey("JAVA_TOOL_OPTIONS").containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Xmx");
  }

  @Test
  void notKnownToBeJvm_untouched_butSpecOverridesStillApply() {
    assertThat(sized.of(ApiJson.readSpec("name: web\nimage: web:1\nenv: {A: b}\n"))).containsExactly(Map.entry("A", "b"));

    Map<String, String> env =
        sized.of(ApiJson.readSpec("name: web\nimage: web:1\njvm: {maxHeap: 192Mi, flags: [-XX:+UseSerialGC]}\n"));
    assertThat(env.get("JAVA_TOOL_OPTIONS")).isEqualTo("-Xmx192m -XX:+UseSerialGC");
  }

  @Test
  void maxHeapOverride_comesAfterBerthsOwnHeapFlag() {
    Map<String, String> env =
        sized.of(ApiJson.readSpec(
            "name: shop\nimage: shop:1\nresources: {memory: 512Mi}\n"
                + "jvm: {maxHeap: 200m, facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n"));

    String opts = env.get("JAVA_TOOL_OPTIONS");
    assertThat(opts.lastIndexOf("-Xmx200m")).isGreaterThan(opts.indexOf("-Xmx"));
  }

  @Test
  void sizingOff_noBerthFlags() {
    Map<String, String> env =
        sized.of(ApiJson.readSpec(
            "name: shop\nimage: shop:1\njvm: {sizing: 'off', facts: {stack: jvm-dist, jdkRuntime: 17}}\n"));

    assertThat(env).isEmpty();
  }

  @Test
  void limitTooSmallForTheJvm_isASpecErrorOnResourcesMemory() {
    assertThatThrownBy(() -> sized.of(ApiJson.readSpec(
            "name: shop\nimage: shop:1\nresources: {memory: 24Mi}\n"
                + "jvm: {facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n")))
        .isInstanceOfSatisfying(
            SpecValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("resources.memory");
              assertThat(e.value()).isEqualTo("24Mi");
              assertThat(e.allowed()).startsWith("at least ");
            });
  }

  @Test
  void fromParts_isTheSameComputationAsFromTheSpec_withTheLimitFormattedInErrors() {
    AppSpec spec = ApiJson.readSpec("name: shop\nimage: shop:1\nresources: {memory: 512Mi, cpu: 500m}\nenv: {A: b}\n"
        + "jvm: {maxHeap: 200m, flags: [-XX:+UseSerialGC], facts: {stack: jvm-dist, jdkRuntime: 17, jdkVersion: 17.0.15}}\n");

    assertThat(sized.of(spec.env(), spec.jvm(), 512L << 20, 500)).isEqualTo(sized.of(spec));
    assertThatThrownBy(() -> sized.of(Map.of(), spec.jvm(), 24L << 20, 500))
        .isInstanceOfSatisfying(SpecValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("resources.memory");
          assertThat(e.value()).isEqualTo("24Mi");
        });
  }

  @Test
  void needsImageFacts_onlyWhenSizingIsAutoAndNoFactSaysJvm() {
    assertThat(ContainerEnvironment.needsImageFacts(ApiJson.readSpec("name: a\nimage: a:1\n"))).isTrue();
    assertThat(ContainerEnvironment.needsImageFacts(
        ApiJson.readSpec("name: a\nimage: a:1\njvm: {facts: {threads: 40}}\n"))).isTrue();
    assertThat(ContainerEnvironment.needsImageFacts(
        ApiJson.readSpec("name: a\nimage: a:1\njvm: {facts: {jdkRuntime: 17}}\n"))).isFalse();
    assertThat(ContainerEnvironment.needsImageFacts(
        ApiJson.readSpec("name: a\nimage: a:1\njvm: {sizing: 'off'}\n"))).isFalse();
  }
}
