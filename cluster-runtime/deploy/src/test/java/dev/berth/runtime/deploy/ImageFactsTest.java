package dev.berth.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.sizing.ContainerEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFactsTest {

  private static final Map<String, String> LABELS = Map.of(
      FactLabels.STACK, "jvm-dist", FactLabels.JDK_RUNTIME, "17", FactLabels.JDK_VERSION, "17.0.15",
      FactLabels.LEGACY_XMX, "256m", FactLabels.PORT, "8081", "org.opencontainers.image.title", "billing");

  @Test
  void specWithoutFacts_takesTheLabels_soItIsSizedAsAJvmApp() {
    AppSpec spec = ApiJson.readSpec("name: billing\nimage: r/billing:1\nresources: {memory: 640Mi}\n");

    AppSpec filled = ImageFacts.fill(spec, LABELS);

    assertThat(filled.jvm().facts().stack()).isEqualTo("jvm-dist");
    assertThat(filled.jvm().facts().legacyXmx()).isEqualTo("256m");
    assertThat(ContainerEnvironment.needsImageFacts(spec)).isTrue();
    assertThat(ContainerEnvironment.needsImageFacts(filled)).isFalse();
    assertThat(ContainerEnvironment.sized().of(filled)).containsKey(ContainerEnvironment.JAVA_TOOL_OPTIONS);
  }

  @Test
  void theSpecsOwnFactsWinFieldByField() {
    AppSpec spec = ApiJson.readSpec("name: billing\nimage: r/billing:1\njvm: {facts: {legacyXmx: 512m, threads: 80}}\n");

    AppSpec filled = ImageFacts.fill(spec, LABELS);

    assertThat(filled.jvm().facts().legacyXmx()).isEqualTo("512m");
    assertThat(filled.jvm().facts().threads()).isEqualTo(80);
    assertThat(filled.jvm().facts().stack()).isEqualTo("jvm-dist");
  }

  @Test
  void sizingOff_orLabelsWithoutFacts_leaveTheSpecAsItIs() {
    AppSpec off = ApiJson.readSpec("name: billing\nimage: r/billing:1\njvm: {sizing: 'off'}\n");
    AppSpec plain = ApiJson.readSpec("name: web\nimage: r/web:1\n");

    assertThat(ImageFacts.fill(off, LABELS)).isSameAs(off);
    assertThat(ImageFacts.fill(plain, Map.of("org.opencontainers.image.title", "web"))).isSameAs(plain);
  }
}
