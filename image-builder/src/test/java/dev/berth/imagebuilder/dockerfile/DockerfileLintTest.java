package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DETECTION.md §4.4's nine lints over every golden Dockerfile, every template shape's output and the templates. */
class DockerfileLintTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path TEMPLATES = Path.of("../dockerfile-templates");

  private final BaseImageCatalog catalog = BaseImageCatalog.load();

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> goldenDockerfiles_passEveryLint() throws IOException {
    // Corpus goldens (golden/<id>/Dockerfile, from the Samples fixtures) and the per-shape goldens.
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(GOLDEN)) {
      try (Stream<Path> dirs = Files.list(GOLDEN)) {
        dirs.map(d -> d.resolve("Dockerfile")).filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    try (Stream<Path> shapes = Files.list(DockerfileGoldenTest.EXPECTED)) {
      shapes.filter(p -> p.toString().endsWith(".expected.Dockerfile")).sorted().forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(),
        () -> assertThat(DockerfileLint.check(Files.readString(f), catalog)).as(f.toString()).isEmpty()));
  }

  @Test
  void everyTemplateShape_publicAndOffline_passesEveryLint() throws Exception {
    DockerfileRenderer renderer = new DockerfileRenderer(catalog);
    List<String> rendered = new ArrayList<>();
    for (Reports.Case c : Reports.everyShape(tmp.resolve("in"))) {
      for (boolean offline : List.of(false, true)) {
        RenderedDockerfile r = renderer.render(c.report(), c.root(),
            RenderOptions.into(tmp.resolve("out-" + c.templateId().replace('/', '-') + "-" + offline))
                .offline(offline));
        assertThat(r.templateId()).isEqualTo(c.templateId());
        String df = Files.readString(r.dockerfile());
        assertThat(DockerfileLint.check(df, catalog)).as(c.templateId() + " offline=" + offline + "\n" + df)
            .isEmpty();
        rendered.add(r.templateId());
      }
    }
    assertThat(rendered).containsAll(TemplateCatalog.IDS);
  }

  @Test
  void templates_holdNoFixtureNamesAndOnlyClassicBuilderSyntax() throws IOException {
    for (String id : TemplateCatalog.IDS) {
      String text = Files.readString(TEMPLATES.resolve(TemplateCatalog.relativePath(id)));
      assertThat(DockerfileLint.fixtureNames(text)).as(id).isEmpty();
      assertThat(text).as(id).doesNotContain("--chmod", "--mount", "<<");
      if (id.startsWith("jvm-")) {
        assertThat(text).as(id + ": shell-less bases cannot RUN").doesNotContain("RUN ");
      }
    }
  }

  @ParameterizedTest(name = "lint {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1|ENTRYPOINT [\u201cjava\u201d,\"-jar\"]",
        "1|ENTRYPOINT java -jar /app/x.jar",
        "2|ENTRYPOINT [\"java\",\"$JAVA_OPTS\",\"-jar\",\"/app/x.jar\"]",
        "3|ENTRYPOINT [\"java\",\"-jar\",\"/app/target/*.jar\"]",
        "3|COPY --chown=10001:0 target/*.jar /app/",
        "4|FROM openjdk:8-jre",
        "5|RUN chmod 777 /app",
        "7|ENTRYPOINT [\"java\",\"-XX:MaxPermSize=256m\",\"-jar\",\"/app/x.jar\"]",
        "7|ENV JAVA_TOOL_OPTIONS=\"-XX:+UseConcMarkSweepGC\"",
        "8|ENTRYPOINT [\"java\",\"-Xmx1024m\",\"-jar\",\"/app/x.jar\"]",
      })
  void check_badLine_isFoundByItsLint(String lint, String badLine) {
    String good = """
        FROM eclipse-temurin:17-jre
        LABEL org.opencontainers.image.title="x" org.opencontainers.image.base.name="eclipse-temurin:17-jre" \\
              dev.berth.stack="jvm-jar" dev.berth.jdk.runtime="17" dev.berth.jdk.floor="8" dev.berth.port="8080" \\
              dev.berth.health="tcp:8080"
        COPY --chown=10001:0 context/app/ /app/
        USER 10001:0
        EXPOSE 8080
        ENTRYPOINT ["java","-cp","/app/lib/*","x.Main"]
        """;
    assertThat(DockerfileLint.check(good, catalog)).isEmpty();
    String bad = badLine.startsWith("FROM ") ? good.replace("FROM eclipse-temurin:17-jre", badLine)
        : badLine.startsWith("COPY") || badLine.startsWith("RUN")
            ? good.replace("USER 10001:0", badLine + "\nUSER 10001:0")
        : good + badLine + "\n";
    assertThat(DockerfileLint.check(bad, catalog)).anyMatch(f -> f.startsWith(lint + " "));
  }

  @Test
  void check_copyAfterUserOrRootUser_isLint5_andMissingFacts_isLint9() {
    String df = """
        FROM eclipse-temurin:17-jre
        LABEL org.opencontainers.image.title="x"
        USER 10001:0
        COPY context/app/ /app/
        EXPOSE 8080
        ENTRYPOINT ["java","-jar","/app/x.jar"]
        """;
    List<String> findings = DockerfileLint.check(df, catalog);
    assertThat(findings).contains("5 COPY after the last USER without --chown to that user",
        "9 missing label dev.berth.port", "9 missing label dev.berth.health");
    assertThat(DockerfileLint.check(df.replace("COPY context", "COPY --chown=10001:0 context"), catalog))
        .noneMatch(f -> f.startsWith("5 "));
    assertThat(DockerfileLint.check(df.replace("USER 10001:0", "USER 0"), catalog))
        .contains("5 no non-root USER in the final stage");
  }

  @Test
  void fixtureNames_inTemplate_isLint6() {
    String template = "COPY context/app/ /app/\nENTRYPOINT [\"java\",\"-jar\",\"/app/orders.jar\"]";
    assertThat(DockerfileLint.fixtureNames(template))
        .containsExactly("6 fixture name in template: orders");
  }
}
