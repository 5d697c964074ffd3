package dev.berth.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesRendererTest {

  /** Set -Dberth.updateGoldens=true to rewrite the golden files from the renderer (then review the diff). */
  private static final boolean UPDATE = Boolean.getBoolean("berth.updateGoldens");

  private static final BuildReference BUILD =
      new BuildReference("finance/billing/main", "42", "https://jenkins.example.com/job/finance/job/billing/42/");

  // spring-boot and isolated-namespace carry their isolation and exposure in the spec file's network block.
  private static final Map<String, RenderOptions> OPTIONS =
      Map.of(
          "legacy-jar", new RenderOptions(false, RenderOptions.Exposure.CLUSTER, null, BUILD),
          "spring-boot", RenderOptions.defaults(),
          "war-tomcat", RenderOptions.defaults(),
          "node-app", RenderOptions.defaults(),
          "isolated-namespace", RenderOptions.defaults());

  private final KubernetesRenderer renderer = new KubernetesRenderer();

  @ParameterizedTest
  @ValueSource(strings = {"legacy-jar", "spring-boot", "war-tomcat", "node-app", "isolated-namespace"})
  void render_matchesGoldenFile(String name) throws IOException {
    String yaml = ManifestYaml.write(renderer.render(spec(name), OPTIONS.get(name)));
    Path golden = Path.of("src/test/resources/kubernetes/" + name + ".expected.yaml");
    if (UPDATE) {
      Files.writeString(golden, yaml);
    }
    // Read from the source tree, not the classpath copy, so a golden rewritten above is compared at once.
    assertThat(yaml).isEqualTo(Files.readString(golden));
  }

  @ParameterizedTest
  @ValueSource(strings = {"legacy-jar", "spring-boot", "war-tomcat", "node-app", "isolated-namespace"})
  void everyObject_roundTripsThroughTheModelWithNoUnknownField(String name) throws IOException {
    List<HasMetadata> rendered = renderer.render(spec(name), OPTIONS.get(name));
    List<HasMetadata> read = ManifestYaml.read(ManifestYaml.write(rendered));
    assertThat(read).hasSameSizeAs(rendered);
    for (int i = 0; i < rendered.size(); i++) {
      assertThat(read.get(i)).isInstanceOf(rendered.get(i).getClass()).isEqualTo(rendered.get(i));
      // The model keeps fields it does not know in additionalProperties instead of failing: none may be there.
      assertThat(unknownFields(read.get(i), read.get(i).getKind())).isEmpty();
    }
  }

  @Test
  void unknownFieldCheck_findsAFieldTheModelDoesNotKnow() {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {selectr: {a: b}}\n";
    assertThat(unknownFields(ManifestYaml.read(yaml).get(0), "Service")).containsExactly("Service.spec.selectr");
  }

  @Test
  void legacyJar_getsBerthsJvmFlagsAndRequestEqualToLimit() throws IOException {
    Container app = container(renderer.render(spec("legacy-jar"), OPTIONS.get("legacy-jar")));
    Map<String, String> env = app.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    // No dev.berth.stack label fact? It has one (jvm-dist): flags go in JAVA_TOOL_OPTIONS, sized to 768Mi.
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Xmx").contains("-XX:MaxMetaspaceSize");
    assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("BILLING_MODE", "batch");
    assertThat(app.getResources().getRequests()).isEqualTo(app.getResources().getLimits());
    assertThat(app.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
  }

  @Test
  void nodeApp_hasNoJvmEnvironmentAndNoCpuLimit() throws IOException {
    Container app = container(renderer.render(spec("node-app"), OPTIONS.get("node-app")));
    assertThat(app.getEnv()).extracting(EnvVar::getName).containsExactly("NODE_ENV");
    assertThat(app.getResources().getLimits()).containsOnlyKeys("memory");
  }

  @Test
  void configChange_changesThePodTemplateSoPodsRoll() throws IOException {
    String text = resource("kubernetes/specs/legacy-jar.yaml");
    Deployment before = deployment(renderer.render(ApiJson.readSpec(text), RenderOptions.defaults()));
    Deployment after =
        deployment(renderer.render(ApiJson.readSpec(text.replace("pool.size=8", "pool.size=16")), RenderOptions.defaults()));
    assertThat(after.getSpec().getTemplate()).isNotEqualTo(before.getSpec().getTemplate());
  }

  @Test
  void ingressWithoutHost_isRefusedWithTheFix() throws IOException {
    assertThatThrownBy(() -> new RenderOptions(false, RenderOptions.Exposure.INGRESS, " ", null))
        .hasMessageContaining("--ingress-host");
    assertThatThrownBy(() -> renderer.render(spec("node-app"),
            new RenderOptions(null, RenderOptions.Exposure.INGRESS, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set network.host in the spec or pass --ingress-host");
  }

  @Test
  void flags_overrideTheSpecsNetworkBlock() throws IOException {
    // The spec says isolate: true, expose: nodeport; the flags say not isolated, cluster-internal.
    List<HasMetadata> objects = renderer.render(spec("isolated-namespace"),
        new RenderOptions(false, RenderOptions.Exposure.CLUSTER, null, null));
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Deployment", "Service");
    assertThat(((io.fabric8.kubernetes.api.model.Service) objects.get(1)).getSpec().getType()).isEqualTo("ClusterIP");

    // Only the host given on the command line: the spec's exposure (ingress) stays, the host is replaced.
    List<HasMetadata> ingress = renderer.render(spec("spring-boot"),
        new RenderOptions(null, null, "shop.internal.example.com", null));
    assertThat(ManifestYaml.write(ingress)).contains("host: \"shop.internal.example.com\"")
        .doesNotContain("shop.example.com\"");
  }

  @Test
  void hostFlagWithoutIngress_isRefused() throws IOException {
    assertThatThrownBy(() -> renderer.render(spec("node-app"), new RenderOptions(null, null, "a.example.com", null)))
        .hasMessageContaining("add --expose ingress");
  }

  @Test
  void labelValue_turnsJobFoldersIntoAValidLabel() {
    assertThat(KubernetesLabels.labelValue("team/app/feature%2Fx")).isEqualTo("team.app.feature-2Fx");
    assertThat(KubernetesLabels.labelValue("x".repeat(70))).hasSize(63);
    assertThat(KubernetesLabels.version("host:5000/app")).isNull();
    assertThat(KubernetesLabels.version("host:5000/app:1.2")).isEqualTo("1.2");
  }

  private static Container container(List<HasMetadata> objects) {
    return deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Deployment deployment(List<HasMetadata> objects) {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
  }

  static AppSpec spec(String name) throws IOException {
    return ApiJson.readSpec(resource("kubernetes/specs/" + name + ".yaml"));
  }

  static String resource(String path) throws IOException {
    try (InputStream in = KubernetesRendererTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("test resource " + path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Paths of every value the fabric8 model read into an additionalProperties map rather than a field. */
  static List<String> unknownFields(Object root, String path) {
    List<String> found = new java.util.ArrayList<>();
    walk(root, path, found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", found, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      String name = getter.getName();
      if (!name.startsWith("get") || name.equals("getClass")) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
      if (name.equals("getAdditionalProperties") && child instanceof Map<?, ?> extra) {
        extra.keySet().forEach(k -> found.add(path + "." + k));
      } else {
        walk(child, path + "." + field, found, seen);
      }
    }
  }
}
