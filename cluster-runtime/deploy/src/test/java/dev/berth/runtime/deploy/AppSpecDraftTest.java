package dev.berth.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.api.spec.ByteSize;
import dev.berth.runtime.sizing.JvmSizing;
import dev.berth.runtime.sizing.LimitSizer;
import dev.berth.runtime.sizing.SizingFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSpecDraftTest {

  static final long MIB = 1L << 20;
  static final String IMAGE = "127.0.0.1:5000/billing@sha256:" + "a".repeat(64);

  /** The facts detection gives image-builder's L1 sample: a JDK 7 dist with -Xmx1024m in its start script. */
  static final AppFacts LEGACY = FactLabels.fromLabels(Map.of(
      "dev.berth.health", "tcp:8081", "dev.berth.jdk.floor", "7", "dev.berth.jdk.runtime", "17",
      "dev.berth.jvm.classes", "5", "dev.berth.jvm.legacy-xmx", "1024m", "dev.berth.port", "8081",
      "dev.berth.stack", "jvm-dist", "dev.berth.writable", "/app/logs"));
  static final AppFacts BOOT_ACTUATOR = new AppFacts("jvm-boot", 17, 17, null, 12_000, 200, List.of(), null, 8080,
      "http:8080/actuator/health", List.of());
  static final AppFacts NODE = FactLabels.fromLabels(Map.of(
      "dev.berth.health", "tcp:3000", "dev.berth.port", "3000", "dev.berth.stack", "node"));
  static final AppFacts NO_PORT = new AppFacts("jvm-jar", 11, 17, null, 800, null, List.of(), null, null, null,
      List.of());

  static AppSpecDraft draft(AppFacts facts, AppSpecDraft.Overrides overrides) {
    return AppSpecDraft.draft("billing", "default", IMAGE, facts, overrides);
  }

  @Test
  void legacyJarWithXmx_getsTheLimitTheSizingDerivesFromIt_andItsFactsForAutoSizing() throws Exception {
    AppSpec spec = draft(LEGACY, null).spec();

    long fromSizing = LimitSizer.limitFor(1024 * MIB, SizingFacts.from(LEGACY, 500)).limitBytes();
    long memory = spec.resources().memoryBytes();
    assertThat(memory).isGreaterThanOrEqualTo(fromSizing).isLessThan(fromSizing + 128 * MIB);
    assertThat(memory % (128 * MIB)).isZero();
    // At that limit the master's sizing gives the app at least the heap its start script asked for.
    assertThat(JvmSizing.forContainer(memory, 500, LEGACY).budget().xmxBytes()).isGreaterThanOrEqualTo(1024 * MIB);
    assertThat(spec.jvm().automatic()).isTrue();
    assertThat(spec.jvm().facts()).isEqualTo(LEGACY);
    assertThat(spec.resources().cpu()).isEqualTo("500m");
    assertThat(spec.replicas()).isEqualTo(1);
    assertThat(spec.targetOrDefault()).isEqualTo("berth");
    assertThat(spec.ports()).singleElement().satisfies(p -> {
      assertThat(p.port()).isEqualTo(8081);
      assertThat(p.name()).isEqualTo("http");
    });
    assertThat(spec.health().tcp().port()).isEqualTo(8081);
    assertThat(spec.health().initialDelay()).isEqualTo("10s");
  }

  @Test
  void legacyJar_yamlShowsEveryChoiceAndWhy() {
    AppSpecDraft draft = draft(LEGACY, null);

    String yaml = draft.yaml();

    assertThat(yaml).startsWith("# App spec drafted by Berth from detection.")
        .contains("-Xmx1024m", "replicas: 1", "memory: " + draft.spec().resources().memory(), "cpu: 500m",
            "sizing: auto", "legacyXmx: 1024m", "port: 8081", "initialDelay: 10s", "target: berth")
        .doesNotContain("[]", "{}");
    assertThat(draft.summary()).isEqualTo("default/billing: image " + IMAGE + ", 1 replica, memory "
        + draft.spec().resources().memory() + ", cpu 500m, port 8081, health tcp 8081, for -Xmx1024m");
  }

  @Test
  void springBootWithActuator_isCheckedOnItsHealthEndpoint() {
    AppSpec spec = draft(BOOT_ACTUATOR, null).spec();

    assertThat(spec.health().http().path()).isEqualTo("/actuator/health");
    assertThat(spec.health().http().port()).isEqualTo(8080);
    assertThat(spec.ports()).extracting(p -> p.port()).containsExactly(8080);
  }

  @Test
  void jvmAppWithoutXmx_getsALimitWithARoomyHeapThatTheMasterAccepts() throws Exception {
    AppSpec spec = draft(BOOT_ACTUATOR, null).spec();

    long memory = spec.resources().memoryBytes();
    assertThat(JvmSizing.forContainer(memory, spec.resources().cpuMillis(), BOOT_ACTUATOR).budget().xmxBytes())
        .isGreaterThanOrEqualTo(256 * MIB);
    assertThat(memory).isLessThanOrEqualTo(1024 * MIB);
  }

  @Test
  void nodeApp_getsItsStackDefaultsAndNoJvmFacts() {
    AppSpec spec = draft(NODE, null).spec();

    assertThat(spec.resources().memory()).isEqualTo("256Mi");
    assertThat(spec.resources().cpu()).isEqualTo("250m");
    assertThat(spec.jvm().facts()).isNull();
    assertThat(spec.health().tcp().port()).isEqualTo(3000);
    assertThat(spec.health().initialDelay()).isEqualTo("0s");
  }

  @Test
  void noPort_meansNoPortsAndNoHealthCheck() {
    AppSpecDraft draft = draft(NO_PORT, null);

    assertThat(draft.spec().ports()).isEmpty();
    assertThat(draft.spec().health()).isNull();
    assertThat(draft.notes()).anyMatch(n -> n.startsWith("health: none"));
    assertThat(draft.yaml()).doesNotContain("\nhealth:");
  }

  @Test
  void overridesWin() {
    AppSpec spec = draft(LEGACY, new AppSpecDraft.Overrides(3, "2Gi", "1", "kubernetes")).spec();

    assertThat(spec.replicas()).isEqualTo(3);
    assertThat(spec.resources().memory()).isEqualTo("2Gi");
    assertThat(spec.resources().cpu()).isEqualTo("1");
    assertThat(spec.target()).isEqualTo("kubernetes");
  }

  @Test
  void memoryOverrideTooSmallForTheJvm_isRefusedWithTheSmallestLimitThatWorks() {
    assertThatThrownBy(() -> draft(LEGACY, new AppSpecDraft.Overrides(null, "128Mi", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("memory 128Mi is too small for this JVM app: the smallest limit that works is ")
        .hasMessageContaining("leave memory out");
  }

  @Test
  void badOverride_namesTheValue() {
    assertThatThrownBy(() -> draft(NODE, new AppSpecDraft.Overrides(null, "lots", null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory: got \"lots\"");
    assertThatThrownBy(() -> draft(NODE, new AppSpecDraft.Overrides(2000, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas");
  }

  @Test
  void everyDraft_readsBackAsTheSameSpec() {
    for (AppFacts facts : List.of(LEGACY, BOOT_ACTUATOR, NODE, NO_PORT, AppFacts.none())) {
      AppSpecDraft draft = draft(facts, null);

      assertThat(ApiJson.readSpec(draft.yaml())).as(draft.yaml()).isEqualTo(draft.spec());
      assertThat(ApiJson.readSpec(ApiJson.toJson(draft.spec()))).isEqualTo(draft.spec());
    }
  }

  @Test
  void unknownApp_getsTheSpecDefaults() {
    AppSpec spec = draft(AppFacts.none(), null).spec();

    assertThat(ByteSize.format(spec.resources().memoryBytes())).isEqualTo("256Mi");
    assertThat(spec.health()).isNull();
  }
}
