package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.docker.EngineImages.RunOutput;
import dev.berth.imagebuilder.docker.EngineImages;
import dev.berth.imagebuilder.testing.DockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every offline base, built (or reused) on the real engine and exercised as uid 10001: the JVM bases run java and
 * report their labelled version, Tomcat answers HTTP, busybox serves a file, Node/Python/Go run.
 */
@ExtendWith(DockerEngine.class)
class BaseImagesIT {

  private static final Map<String, String> RUN = Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId());
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static BaseImages bases;
  private static EngineImages engine;

  @BeforeAll
  static void engine() {
    bases = BaseImages.shared();
    engine = EngineImages.local();
  }

  @AfterAll
  static void close() throws IOException {
    engine.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jre-17", "jre-17-shell", "jre-25"})
  void jreBase_runsJavaAsUid10001_withTheLabelledVersionAndUtf8(String id) throws Exception {
    BaseImageResult base = bases.ensure(id);
    String version = base.labels().get(BaseImageLabels.JDK_VERSION);
    assertThat(version).startsWith(base.labels().get(BaseImageLabels.JDK_RUNTIME) + ".");

    // "java" through PATH, as templates call it.
    RunOutput out =
        engine.run(base.tag(), BaseImages.APP_USER, List.of("java", "-XshowSettings:properties", "-version"), RUN,
            TIMEOUT);

    assertThat(out.exitCode()).as(out.output()).isZero();
    assertThat(out.output())
        .contains("java.version = " + version)
        .contains("user.name = app")
        .contains("user.home = /app")
        .contains("file.encoding = UTF-8")
        // The Debian JRE keeps Debian's layout; /opt/java/openjdk is a link to it there.
        .contains("java.home = " + (base.tag().endsWith("-debian") ? "/usr/lib/jvm/java-17-openjdk-amd64"
            : "/opt/java/openjdk"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat-9.0", "tomcat-10.1"})
  void tomcatBase_startsByItselfAsUid10001_deploysAWar_andAnswersHttpOn8080(String id) throws Exception {
    BaseImageResult base = bases.ensure(id);
    String tomcat = base.labels().get(BaseImageLabels.TOMCAT_VERSION);
    // A WAR owned by the app user, as templates COPY it: Tomcat must unpack it into webapps/ and work/.
    Map.Entry<String, Integer> c =
        engine.serve(base.tag(), BaseImages.APP_USER, 8080, RUN,
            Map.of("/usr/local/tomcat/webapps/hello.war", war("index.html", "hello from " + id)));
    try {
      HttpResponse<String> root = getWhenUp(c.getValue(), "/", Duration.ofSeconds(60));
      // No ROOT app (the samples are gone): Tomcat's own 404 page, which names its version.
      assertThat(root.statusCode()).isEqualTo(404);
      assertThat(root.body()).contains("Apache Tomcat/" + tomcat);
      HttpResponse<String> hello = getWhenUp(c.getValue(), "/hello/index.html", Duration.ofSeconds(10));
      assertThat(hello.statusCode()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello from " + id);
      assertThat(engine.logs(c.getKey())).contains("Server startup in").doesNotContain("SEVERE");
    } finally {
      engine.removeContainer(c.getKey());
    }
  }

  @Test
  void staticBase_servesAFileFromWww_asUid10001() throws Exception {
    BaseImageResult base = bases.ensure("static");
    byte[] page = "<h1>berth</h1>\n".getBytes(StandardCharsets.UTF_8);
    Map.Entry<String, Integer> c =
        engine.serve(base.tag(), BaseImages.APP_USER, 8080, RUN, Map.of("/www/index.html", page));
    try {
      HttpResponse<String> r = getWhenUp(c.getValue(), "/index.html", Duration.ofSeconds(20));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("<h1>berth</h1>\n");
    } finally {
      engine.removeContainer(c.getKey());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"node-18", "python-3.11", "go-build", "go-run"})
  void toolBase_runsItsRuntimeAsUid10001_reportingTheLabelledVersion(String id) throws Exception {
    BaseImageResult base = bases.ensure(id);
    List<String> command =
        switch (id) {
          case "node-18" -> List.of("node", "--version");
          case "python-3.11" -> List.of("python", "-c", "import sys, flask, gunicorn; print(sys.version)");
          case "go-build" -> List.of("go", "version");
          default -> List.of("cat", "/etc/debian_version");
        };
    RunOutput out = engine.run(base.tag(), BaseImages.APP_USER, command, RUN, TIMEOUT);
    assertThat(out.exitCode()).as(out.output()).isZero();
    assertThat(out.output()).contains(base.runtimeVersion());
    RunOutput who = engine.run(base.tag(), BaseImages.APP_USER, List.of("sh", "-c", "id -un; pwd"), RUN, TIMEOUT);
    assertThat(who.output()).isEqualTo("app\n/app\n");
  }

  @Test
  void secondEnsure_reusesTheImage_evenFromManyThreadsAtOnce() throws Exception {
    BaseImageResult first = bases.ensure("jre-17");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BaseImageResult>> again =
          pool.invokeAll(List.of(() -> bases.ensure("jre-17"), () -> bases.ensure("jre-17"),
              () -> bases.ensure("jre-17"), () -> bases.ensure("jre-17")));
      for (Future<BaseImageResult> f : again) {
        BaseImageResult r = f.get();
        assertThat(r.outcome()).isEqualTo(BaseImageResult.Outcome.REUSED);
        assertThat(r.imageId()).isEqualTo(first.imageId());
        assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(bases.find("jre-17")).map(BaseImageResult::imageId).contains(first.imageId());
  }

  @Test
  void ensure_onAnEmptyStateAndAnUnusedTag_buildsThenReuses(@TempDir Path state) throws Exception {
    // Warm machines reuse every shared base, so this builds jre-17's recipe into a throwaway tag instead.
    List<BaseImageEvent> events = new CopyOnWriteArrayList<>();
    String repo = "berth-it-" + DockerEngine.runId();
    try (BaseImages fresh =
        new BaseImages(
            BaseImageCatalog.load(),
            Map.of("jre-17", BaseRecipes.standard(state).get("jre-17")),
            EngineImages.local(),
            state,
            events::add,
            tag -> repo + tag.substring(tag.indexOf('/')))) {
      BaseImageResult built = fresh.ensure("jre-17");
      try {
        assertThat(built.outcome()).isEqualTo(BaseImageResult.Outcome.BUILT);
        assertThat(built.tag()).isEqualTo(repo + "/jre:17");
        assertThat(events).anyMatch(e -> e instanceof BaseImageEvent.Progress p && p.step().startsWith("jlink"));
        assertThat(state.resolve("base-images/jre-17")).isDirectoryRecursivelyContaining("glob:**/rootfs.tar");
        RunOutput out = engine.run(built.tag(), BaseImages.APP_USER, List.of("java", "-version"), RUN, TIMEOUT);
        assertThat(out.output()).contains(built.labels().get(BaseImageLabels.JDK_VERSION));

        BaseImageResult again = fresh.ensure("jre-17");
        assertThat(again.outcome()).isEqualTo(BaseImageResult.Outcome.REUSED);
        assertThat(again.imageId()).isEqualTo(built.imageId());
      } finally {
        engine.untag(built.tag());
        engine.removeIfUnused(built.imageId());
      }
    }
  }

  private static byte[] war(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static HttpResponse<String> getWhenUp(int port, String path, Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }
}
