package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus goldens: each runnable fixture of DETECTION.md §4.2 detected by {@link ImageBuilder#detect} and
 * rendered with the public bases must equal {@code golden/<id>/Dockerfile} (beside detection's own
 * {@code detect-report.json}); {@code -Dberth.golden.update=true} rewrites them. {@link DockerfileLintTest} lints
 * them.
 */
class CorpusDockerfileTest {

  static final Map<String, Function<Path, Path>> FIXTURES = new LinkedHashMap<>();

  static {
    FIXTURES.put("l1-dist-jdk7", Samples::l1DistJdk7);
    FIXTURES.put("l2-jar-classpath", Samples::l2JarClasspath);
    FIXTURES.put("l3-agent", Samples::l3Agent);
    FIXTURES.put("l4-war-javax", Samples::l4WarJavax);
    FIXTURES.put("l4b-war-jakarta", Samples::l4bWarJakarta);
    FIXTURES.put("b2-boot27", Samples::b2Boot27);
    FIXTURES.put("a2-single-jar", Samples::a2SingleJar);
    FIXTURES.put("n1-node", Samples::n1Node);
    FIXTURES.put("p1-python", Samples::p1Python);
    FIXTURES.put("o1-go", Samples::o1Go);
    FIXTURES.put("s1-static", Samples::s1Static);
  }

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> corpusFixture_rendersItsGoldenDockerfile() {
    DockerfileRenderer renderer = DockerfileRenderer.standard();
    boolean update = Boolean.getBoolean("berth.golden.update");
    return FIXTURES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Path input = e.getValue().apply(Files.createDirectories(tmp.resolve("in").resolve(e.getKey())));
      try (Detection detection = ImageBuilder.detect(input, DetectOptions.none())) {
        DetectReport report = detection.report();
        assertThat(report.outcome()).as(e.getKey()).isEqualTo(DetectReport.Outcome.OK);
        RenderedDockerfile r =
            renderer.render(report, detection.root(), RenderOptions.into(tmp.resolve("out").resolve(e.getKey())));
        check(e.getKey(), Files.readString(r.dockerfile()), update);
      }
    }));
  }

  @org.junit.jupiter.api.Test
  void bootApplicationLayer_splitByTarget_isOneFolderUnderTheCommonTarget() throws Exception {
    Path input = Samples.b2Boot27(Files.createDirectories(tmp.resolve("in/b2")));
    try (Detection detection = ImageBuilder.detect(input, DetectOptions.none())) {
      assertThat(detection.report().layers().stream().filter(l -> l.name().equals("application")).count())
          .as("the report keeps one entry per target").isGreaterThan(1);
      RenderedDockerfile r = DockerfileRenderer.standard()
          .render(detection.report(), detection.root(), RenderOptions.into(tmp.resolve("out/b2")));
      Path application = r.directory().resolve("context/application");
      assertThat(application.resolve("META-INF/MANIFEST.MF")).isRegularFile();
      assertThat(application.resolve("BOOT-INF/layers.idx")).isRegularFile();
      try (Stream<Path> classes = Files.walk(application.resolve("BOOT-INF/classes"))) {
        assertThat(classes.filter(p -> p.toString().endsWith(".class"))).isNotEmpty();
      }
      assertThat(r.directory().resolve("context/application-2")).doesNotExist();
      assertThat(r.plan().layers()).filteredOn(l -> l.name().equals("application"))
          .singleElement().satisfies(l -> assertThat(l.target()).isEqualTo("/app/"));
    }
  }

  private static void check(String id, String actual, boolean update) throws IOException {
    Path golden = DockerfileLintTest.GOLDEN.resolve(id).resolve("Dockerfile");
    if (update || !Files.exists(golden)) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(actual).as("golden " + golden + " (rerun with -Dberth.golden.update=true after a deliberate change)")
        .isEqualTo(Files.readString(golden));
  }
}
