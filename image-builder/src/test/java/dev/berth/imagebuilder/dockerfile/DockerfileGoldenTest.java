package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every template shape's Dockerfile, rendered from a hand-built report with the public bases, against its golden
 * file {@code src/test/resources/dockerfiles/<case>.expected.Dockerfile}. After an intended template change,
 * regenerate them with {@code -Dberth.golden.update=true} and review the diff.
 */
class DockerfileGoldenTest {

  static final Path EXPECTED = Path.of("src/test/resources/dockerfiles");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyShape_rendersItsGoldenDockerfile() throws Exception {
    boolean update = Boolean.getBoolean("berth.golden.update");
    DockerfileRenderer renderer = DockerfileRenderer.standard();
    List<DynamicTest> tests = new ArrayList<>();
    for (Reports.Case c : Reports.everyShape(tmp.resolve("in"))) {
      String name = c.templateId().replace('/', '-');
      Path golden = EXPECTED.resolve(name + ".expected.Dockerfile");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        RenderedDockerfile r = renderer.render(c.report(), c.root(), RenderOptions.into(tmp.resolve("out-" + name)));
        String actual = Files.readString(r.dockerfile());
        if (update) {
          Files.createDirectories(EXPECTED);
          Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file; regenerate with -Dberth.golden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
      }));
    }
    return tests.stream();
  }
}
