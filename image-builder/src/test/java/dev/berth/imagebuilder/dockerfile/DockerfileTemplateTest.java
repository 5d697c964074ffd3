package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DockerfileTemplateTest {

  private final DockerfileTemplate template =
      new DockerfileTemplate("t", "test/Dockerfile.template", "FROM {{baseImage}}\n{{optional}}\nEXPOSE {{port}}\n");

  @Test
  void render_fillsPlaceholders_andDropsEmptyBlockLines() throws Exception {
    String out = template.render(Map.of("baseImage", "x:1", "optional", "", "port", "8080"));
    assertThat(out).isEqualTo("FROM x:1\nEXPOSE 8080\n");
  }

  @Test
  void render_keepsDockerfileVariables() throws Exception {
    DockerfileTemplate t = new DockerfileTemplate("t", "r", "ENV PATH=\"/opt/venv/bin:${PATH}:$HOME\" {{a}}");
    assertThat(t.render(Map.of("a", "b"))).isEqualTo("ENV PATH=\"/opt/venv/bin:${PATH}:$HOME\" b");
  }

  @Test
  void render_unknownVariable_namesItTheTemplateAndLine() {
    assertThatThrownBy(() -> template.render(Map.of("baseImage", "x", "optional", "")))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("template t (test/Dockerfile.template) line 3")
        .hasMessageContaining("unknown variable {{port}}")
        .hasMessageContaining("known: baseImage, optional");
  }

  @Test
  void render_missingValue_namesTheVariable() {
    Map<String, String> values = new HashMap<>(Map.of("baseImage", "x", "optional", ""));
    values.put("port", null);
    assertThatThrownBy(() -> template.render(values))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("needs {{port}}")
        .hasMessageContaining("line 3");
  }

  @Test
  void catalog_loadsEveryId_andEveryTemplateFileHasAnId() throws IOException {
    for (String id : TemplateCatalog.IDS) {
      assertThat(TemplateCatalog.load(id).text()).as(id).startsWith("# berth:base {{baseId}}");
    }
    Set<String> files = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(DockerfileLintTest.TEMPLATES)) {
      walk.filter(p -> p.getFileName().toString().endsWith(".template"))
          .forEach(p -> files.add(DockerfileLintTest.TEMPLATES.relativize(p).toString()));
    }
    assertThat(files).containsExactlyInAnyOrderElementsOf(
        TemplateCatalog.IDS.stream().map(TemplateCatalog::relativePath).toList());
    assertThatThrownBy(() -> TemplateCatalog.load("ruby"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ruby'")
        .hasMessageContaining("jvm-dist");
  }

  @Test
  void readme_tablesEveryVariableTheTemplatesUse() throws IOException {
    String readme = Files.readString(DockerfileLintTest.TEMPLATES.resolve("README.md"));
    for (String id : TemplateCatalog.IDS) {
      for (String variable : TemplateCatalog.load(id).variables()) {
        assertThat(readme).as(id + " uses " + variable).contains("`" + variable + "`");
      }
    }
    assertThat(List.copyOf(TemplateCatalog.load("go").variables())).contains("buildBaseImage", "mainPackage");
  }
}
