package dev.berth.imagebuilder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheSplitTest {

  @Test
  void generatedDockerfile_cutsAtTheMarker_librariesAboveAppBelow() throws Exception {
    String dockerfile =
        Files.readString(Path.of("src/test/resources/golden/l2-jar-classpath/Dockerfile"));

    CacheSplit split = CacheSplit.of(dockerfile).orElseThrow();

    assertThat(split.fromImage()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(split.upperSources()).containsExactly("context/dependencies", "context/berth-probe");
    assertThat(split.lowerSources()).containsExactly("context/snapshot-dependencies", "context/application");
    assertThat(split.upper()).contains("ENTRYPOINT", "HEALTHCHECK", "USER 10001:0").doesNotContain("application");
    assertThat(split.lower()).startsWith("# The app's own layers").doesNotContain("FROM");
    assertThat(split.upper() + CacheSplit.MARKER).isEqualTo(dockerfile.substring(0, split.upper().length())
        + CacheSplit.MARKER);
  }

  @Test
  void continuationLines_belongToTheirInstruction() {
    String df = """
        FROM base:1
        LABEL a="1" \\
              b="2"
        COPY --chown=1:0 context/deps/ \\
             /app/lib/
        # berth:cache-above
        COPY context/app/ /app/
        """;
    CacheSplit split = CacheSplit.of(df).orElseThrow();
    assertThat(split.upperSources()).containsExactly("context/deps");
    assertThat(split.lowerSources()).containsExactly("context/app");
  }

  @Test
  void noCut_whenTheCutCouldChangeTheImage() {
    String tail = "# berth:cache-above\nCOPY context/app/ /app/\n";
    assertThat(CacheSplit.of("FROM base\nCOPY context/deps/ /lib/\nCOPY context/app/ /app/\n")).as("no marker")
        .isEmpty();
    assertThat(CacheSplit.of("FROM base\nCOPY context/deps/ /lib/\n" + tail + tail)).as("two markers").isEmpty();
    assertThat(CacheSplit.of("FROM b AS build\nCOPY context/deps/ /lib/\nFROM base\n" + tail)).as("stages")
        .isEmpty();
    assertThat(CacheSplit.of("FROM base\nARG V\nCOPY context/deps/ /lib/\n" + tail)).as("ARG after FROM")
        .isEmpty();
    assertThat(CacheSplit.of("FROM base\nADD context/deps.tar /lib/\n" + tail)).as("ADD").isEmpty();
    assertThat(CacheSplit.of("FROM base\nCOPY --from=x /o /lib/\n" + tail)).as("COPY --from").isEmpty();
    assertThat(CacheSplit.of("FROM base\nCOPY . /app/\n" + tail)).as("whole context").isEmpty();
    assertThat(CacheSplit.of("FROM base\nCOPY [\"context/deps/\", \"/lib/\"]\n" + tail)).as("JSON form").isEmpty();
    assertThat(CacheSplit.of("FROM ${BASE}\nCOPY context/deps/ /lib/\n" + tail)).as("FROM variable").isEmpty();
    assertThat(CacheSplit.of("FROM base\nUSER 1\n" + tail)).as("nothing copied above").isEmpty();
  }
}
