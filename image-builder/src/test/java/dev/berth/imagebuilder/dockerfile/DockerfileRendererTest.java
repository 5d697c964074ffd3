package dev.berth.imagebuilder.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.ImagePlan;
import dev.berth.runtime.api.facts.AppFacts;
import dev.berth.runtime.api.facts.FactLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileRendererTest {

  @TempDir Path tmp;

  private final DockerfileRenderer renderer = DockerfileRenderer.standard();

  @Test
  void render_legacyDist_writesLayeredNonRootDockerfileWithFactLabels() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    RenderedDockerfile r = renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("out")));

    String df = Files.readString(r.dockerfile());
    assertThat(df.lines().findFirst().orElseThrow())
        .startsWith("# berth:generated v1 stack=jvm-dist template=jvm-dist body-sha256=");
    assertThat(df).contains("FROM eclipse-temurin:17-jre\n");
    assertThat(df).contains("# berth:base jre-17\n");
    assertThat(df)
        .containsSubsequence(
            "COPY --chown=10001:0 context/dependencies/ /app/lib/",
            "USER 10001:0",
            "EXPOSE 8081",
            "ENTRYPOINT [\"java\",\"-Dlog.dir=/app/logs\",\"-Dhttp.port=8081\",\"-cp\",\"/app/conf:/app/lib/*\","
                + "\"com.acme.billing.Main\"]",
            ImageDesign.CACHE_MARKER,
            "COPY --chown=10001:0 context/snapshot-dependencies/ /app/lib/",
            "COPY --chown=10001:0 context/resources/ /app/conf/",
            "COPY --chown=10001:0 context/application/ /app/lib/",
            "COPY --chown=10001:0 context/writable/ /app/");
    assertThat(df)
        .contains("dev.berth.jdk.floor=\"8\"", "dev.berth.jdk.runtime=\"17\"", "dev.berth.jvm.classes=\"412\"",
            "dev.berth.jvm.legacy-xmx=\"1024m\"", "dev.berth.port=\"8081\"", "dev.berth.health=\"tcp:8081\"",
            "dev.berth.writable=\"/app/logs\"", "org.opencontainers.image.title=\"billing\"",
            "org.opencontainers.image.version=\"1.4.2\"");
    assertThat(df).contains("CMD [\"java\",\"-Xms8m\",\"-Xmx16m\"")
        .contains("\"BerthProbe\",\"tcp://127.0.0.1:8081\"]");
    assertThat(df).doesNotContain("RUN ").doesNotContain("{{");
    assertThat(GeneratedHeader.status(df)).isEqualTo(GeneratedHeader.Status.GENERATED);
  }

  @Test
  void render_linksLayerFilesFromADisposableRoot_andCopiesFromTheUsersOwn() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Path lib = root.resolve("lib/log4j-1.2.17.jar");
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(lib);

    RenderedDockerfile copied = renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("copied")));
    Path copy = copied.directory().resolve("context/dependencies/log4j-1.2.17.jar");
    assertThat(Files.isSameFile(copy, lib)).isFalse();
    assertThat(Files.getLastModifiedTime(lib)).as("the user's file keeps its time").isEqualTo(before);

    RenderedDockerfile linked = renderer.render(Reports.distJdk7(), root,
        RenderOptions.into(tmp.resolve("linked")).linkFromRoot(true));
    Path link = linked.directory().resolve("context/dependencies/log4j-1.2.17.jar");
    assertThat(Files.isSameFile(link, lib)).as("one file, no bytes written").isTrue();
    assertThat(link).hasContent("content of lib/log4j-1.2.17.jar");
    assertThat(Files.getLastModifiedTime(link).toInstant()).isEqualTo(RenderOptions.DEFAULT_FILE_TIME);
  }

  @Test
  void render_context_holdsEachLayersFilesWithFixedModesAndTime() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Instant time = Instant.parse("2020-02-02T00:00:00Z");
    RenderedDockerfile r = renderer.render(Reports.distJdk7(), root,
        new RenderOptions(tmp.resolve("out"), null, false, false, time));

    Path ctx = r.directory().resolve("context");
    assertThat(ctx.resolve("dependencies/log4j-1.2.17.jar")).hasContent("content of lib/log4j-1.2.17.jar");
    assertThat(ctx.resolve("application")).isDirectoryContaining(p -> p.endsWith("billing-1.4.2.jar"));
    assertThat(ctx.resolve("application/acme-common-1.0-SNAPSHOT.jar")).doesNotExist();
    assertThat(ctx.resolve("resources/log4j.properties")).exists();
    assertThat(ctx.resolve("writable/logs")).isEmptyDirectory();
    assertThat(ctx.resolve("berth-probe/BerthProbe.class")).isNotEmptyFile();
    try (Stream<Path> all = Files.walk(ctx)) {
      for (Path p : all.toList()) {
        assertThat(Files.getLastModifiedTime(p).toInstant()).as(p.toString()).isEqualTo(time);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString())
            .isEqualTo(Files.isDirectory(p) ? "rwxrwxr-x" : "rw-rw-r--");
      }
    }
    assertThat(r.directory().resolve(".dockerignore")).hasContent(DockerfileRenderer.DOCKERIGNORE.strip());
    assertThat(Files.readString(r.directory().resolve("detect-report.json"))).contains("\"stack\" : \"jvm-dist\"");
  }

  @Test
  void render_sameInputTwice_givesIdenticalDockerfile() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    String first = Files.readString(
        renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("a"))).dockerfile());
    String second = Files.readString(
        renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("b"))).dockerfile());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void render_offlineOrExplicitBase_changesOnlyFrom() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    RenderedDockerfile offline =
        renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("o")).offline(true));
    assertThat(Files.readString(offline.dockerfile())).contains("FROM berth/jre:17\n");
    assertThat(offline.baseId()).isEqualTo("jre-17");
    RenderedDockerfile explicit =
        renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("e")).baseImage("my/jre:17"));
    assertThat(Files.readString(explicit.dockerfile())).contains("FROM my/jre:17\n");
    assertThat(explicit.baseImage()).isEqualTo("my/jre:17");
  }

  @Test
  void render_plan_matchesTheDockerfile() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    RenderedDockerfile r = renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("out")));
    ImagePlan plan = r.plan();
    assertThat(r.daemonless()).isTrue();
    assertThat(plan.baseImage()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(plan.layers()).extracting(ImagePlan.Layer::name)
        .containsExactly("dependencies", "snapshot-dependencies", "resources", "application", "writable",
            "berth-probe");
    assertThat(plan.layers().get(0).source()).isEqualTo(r.directory().resolve("context/dependencies"));
    assertThat(plan.entrypoint()).startsWith("java").endsWith("com.acme.billing.Main");
    assertThat(plan.user()).isEqualTo("10001:0");
    assertThat(plan.exposedPorts()).containsExactly(8081);
    assertThat(plan.env()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:+ExitOnOutOfMemoryError");
    assertThat(plan.labels()).containsEntry("dev.berth.health", "tcp:8081");
  }

  @Test
  void render_labels_readBackAsTheRuntimesAppFacts() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    RenderedDockerfile r = renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("out")));
    AppFacts facts = FactLabels.fromLabels(r.plan().labels());
    assertThat(facts.stack()).isEqualTo("jvm-dist");
    assertThat(facts.jdkFloor()).isEqualTo(8);
    assertThat(facts.jdkRuntime()).isEqualTo(17);
    assertThat(facts.loadedClasses()).isEqualTo(412);
    assertThat(facts.legacyXmx()).isEqualTo("1024m");
    assertThat(facts.port()).isEqualTo(8081);
    assertThat(facts.health()).isEqualTo("tcp:8081");
    assertThat(facts.writableDirs()).containsExactly("/app/logs");
  }

  @Test
  void render_missingLayerSource_failsNamingItAndLeavesOldOutput() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    RenderedDockerfile good = renderer.render(Reports.distJdk7(), root, RenderOptions.into(out));
    String before = Files.readString(good.dockerfile());
    Files.delete(root.resolve("lib/billing-1.4.2.jar"));

    assertThatThrownBy(() -> renderer.render(Reports.distJdk7(), root, RenderOptions.into(out)))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("lib/billing-1.4.2.jar")
        .hasMessageContaining("application");
    assertThat(Files.readString(out.resolve("Dockerfile"))).isEqualTo(before);
    assertThat(out.resolve("context/application/billing-1.4.2.jar")).exists();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in", "out");
    }
  }

  @Test
  void render_firstRunFails_leavesNoOutputFolder() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Files.delete(root.resolve("conf/log4j.properties"));
    Files.delete(root.resolve("conf"));
    assertThatThrownBy(() -> renderer.render(Reports.distJdk7(), root, RenderOptions.into(tmp.resolve("out"))))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("'conf'");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("in");
    }
  }

  @Test
  void render_handEditedDockerfile_isKeptUnlessOverwrite() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    renderer.render(Reports.distJdk7(), root, RenderOptions.into(out));
    String edited = Files.readString(out.resolve("Dockerfile")) + "ENV EDITED=1\n";
    Files.writeString(out.resolve("Dockerfile"), edited);

    RenderedDockerfile kept = renderer.render(Reports.distJdk7(), root, RenderOptions.into(out));
    assertThat(kept.keptEdits()).isTrue();
    assertThat(Files.readString(out.resolve("Dockerfile"))).isEqualTo(edited);
    assertThat(GeneratedHeader.status(edited)).isEqualTo(GeneratedHeader.Status.EDITED);

    RenderedDockerfile regenerated =
        renderer.render(Reports.distJdk7(), root, RenderOptions.into(out).overwrite(true));
    assertThat(regenerated.keptEdits()).isFalse();
    assertThat(Files.readString(out.resolve("Dockerfile"))).doesNotContain("EDITED");
  }

  @Test
  void render_again_keepsOtherBerthFilesOfTheOutputFolder() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    renderer.render(Reports.distJdk7(), root, RenderOptions.into(out));
    Files.writeString(out.resolve("Jenkinsfile"), "pipeline {}");
    renderer.render(Reports.distJdk7(), root, RenderOptions.into(out));
    assertThat(out.resolve("Jenkinsfile")).hasContent("pipeline {}");
  }

  @Test
  void render_outputFolderWithForeignFiles_isRefused() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> renderer.render(Reports.distJdk7(), root, RenderOptions.into(out)))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("notes.txt");
    assertThat(out.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void render_defaultOutputInsideInput_doesNotCopyItself() throws Exception {
    Path root = Reports.distJdk7Files(tmp.resolve("in"));
    DetectReport report = Reports.report("static", null, null, List.of(), null, null, null, List.of(), null,
        List.of(), List.of(new DetectReport.Layer("site", List.of("."), "/www/")), java.util.Map.of());
    renderer.render(report, root, RenderOptions.into(root.resolve(".berth")));
    RenderedDockerfile again = renderer.render(report, root, RenderOptions.into(root.resolve(".berth")));
    assertThat(again.directory().resolve("context/site/bin/start.sh")).exists();
    assertThat(again.directory().resolve("context/site/.berth")).doesNotExist();
    try (Stream<Path> names = Files.list(again.directory().resolve("context/site"))) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".berth"));
    }
  }

  @Test
  void render_failedDetection_isRefusedWithItsOutcome() {
    DetectReport failed = new DetectReport(DetectReport.SCHEMA, "t", DetectReport.Outcome.AMBIGUOUS, 4,
        DetectReport.Confidence.LOW, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, new DetectReport.Problem("2 runnable archives in target/", null, null, null));
    assertThatThrownBy(() -> renderer.render(failed, tmp, RenderOptions.into(tmp.resolve("out"))))
        .isInstanceOf(DockerfileException.class)
        .hasMessageContaining("AMBIGUOUS")
        .hasMessageContaining("2 runnable archives");
  }
}
