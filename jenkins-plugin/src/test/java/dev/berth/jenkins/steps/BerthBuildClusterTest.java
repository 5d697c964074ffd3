package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.berth.imagebuilder.testing.Samples;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * berthBuild {@code builder: 'cluster'} against a loopback master speaking the build-job API: what is uploaded, how
 * the job's log reaches the build log, and how a failed job fails the step.
 */
class BerthBuildClusterTest {

  static final String TOKEN = "build-token-42";

  @TempDir Path ws;
  final RecordingListener listener = new RecordingListener();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> requestBodies = new CopyOnWriteArrayList<>();
  volatile byte[] uploaded;
  volatile String finalPhase = "SUCCEEDED";
  volatile boolean endless;
  HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/builds", exchange -> {
      String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
      requests.add(line + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = exchange.getRequestBody().readAllBytes();
      String json;
      if (line.equals("POST /v1/builds")) {
        requestBodies.add(new String(body, StandardCharsets.UTF_8));
        json = status("SUBMITTED", 0);
      } else if (line.equals("PUT /v1/builds/b-1/context")) {
        uploaded = body;
        json = status("PENDING", body.length);
      } else if (line.equals("GET /v1/builds/b-1/logs?from=0")) {
        json = "{\"lines\":[\"Step 1/4 : FROM berth/jre:17\",\"Successfully built 0123456789ab\"],\"nextLine\":2,"
            + "\"finished\":false}";
      } else if (line.startsWith("GET /v1/builds/b-1/logs")) {
        json = "{\"lines\":[],\"nextLine\":2,\"finished\":" + !endless + "}";
      } else {
        json = status(finalPhase, 1234);
      }
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String status(String phase, long contextBytes) {
    boolean ok = phase.equals("SUCCEEDED");
    boolean failed = phase.equals("FAILED");
    return """
        {"id":"b-1","phase":"%s","app":"l1-dist-jdk7","node":"n1","exitCode":%s,"message":"%s",
         "image":"127.0.0.1:5000/billing:5","imageId":%s,"digest":%s,"tags":["127.0.0.1:5000/billing:5"],
         "push":true,"contextBytes":%d,"submittedAt":"2026-11-25T10:00:00Z"}
        """.formatted(phase, ok ? "0" : failed ? "1" : "null",
        failed ? "the builder exited with 1: COPY failed: no source files were specified" : "",
        ok ? "\"sha256:" + "1".repeat(64) + "\"" : "null", ok ? "\"sha256:" + "2".repeat(64) + "\"" : "null",
        contextBytes);
  }

  private Map<String, Object> run(String url) throws Exception {
    Path app = Samples.l1DistJdk7(ws);
    // What berthDockerfile left: stays on this machine.
    Files.createDirectories(app.resolve(".berth"));
    Files.writeString(app.resolve(".berth/Dockerfile"), "FROM berth/jre:17\n");
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", url);
    env.put("BERTH_TOKEN", TOKEN);
    BerthBuildStep step = new BerthBuildStep("127.0.0.1:5000/billing");
    step.setDir("l1-dist-jdk7");
    step.setBuilder("cluster");
    step.setTags("5");
    step.setPush(true);
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws));
    return new BerthBuildExecution(step, context).run();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void run_uploadsTheRenderedContext_followsTheJobLog_andReturnsItsImage() throws Exception {
    Map<String, Object> built = run(url());

    assertThat(built).containsEntry("builder", "cluster").containsEntry("image", "127.0.0.1:5000/billing:5")
        .containsEntry("digest", "sha256:" + "2".repeat(64)).containsEntry("imageId", "sha256:" + "1".repeat(64))
        .containsEntry("pushed", true).containsEntry("reference", "127.0.0.1:5000/billing@sha256:" + "2".repeat(64));
    assertThat(requestBodies).singleElement().asString().contains("\"tags\":[\"127.0.0.1:5000/billing:5\"]")
        .contains("\"push\":true").contains("\"offline\":false");
    assertThat(requests).allMatch(r -> r.endsWith("Bearer " + TOKEN));
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(new ByteArrayInputStream(uploaded)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    // The app folder as it is, without an earlier render: the node detects and renders again.
    assertThat(entries).contains("bin/start.sh", "lib/billing-1.4.2.jar", "conf/log4j.properties")
        .noneMatch(e -> e.startsWith(".berth"));
    assertThat(listener.text())
        .contains("[Berth] Building l1-dist-jdk7 (stack jvm-dist) as a build job on the Berth cluster")
        .contains("[Berth] build job b-1 submitted (" + uploaded.length + " bytes of context), pending")
        .contains("  Step 1/4 : FROM berth/jre:17\n  Successfully built 0123456789ab")
        .contains("[Berth] Built 127.0.0.1:5000/billing:5 (sha256:" + "2".repeat(64) + ") with cluster in ")
        .doesNotContain(TOKEN);
  }

  @Test
  void run_underATurkishLocale_theJobsPhaseIsStillSpelledInEnglish() throws Exception {
    java.util.Locale before = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
    try {
      run(url());
    } finally {
      java.util.Locale.setDefault(before);
    }
    // "PENDING" lower-cased by Turkish rules would read "pendıng" (a dotless i).
    assertThat(listener.text()).contains("bytes of context), pending");
  }

  @Test
  void run_failedJob_failsTheBuildWithOneLineNamingTheJobAndNode() {
    finalPhase = "FAILED";

    assertThatThrownBy(() -> run(url())).isInstanceOf(AbortException.class)
        .hasMessage("berthBuild: build job b-1 failed on node n1 (exit 1): the builder exited with 1: COPY failed:"
            + " no source files were specified");
    assertThat(listener.text()).contains("  Step 1/4 : FROM berth/jre:17");
  }

  @Test
  void run_committedDockerfile_isSentAsItIs_withItsDockerignore() throws Exception {
    Path app = Files.createDirectories(ws.resolve("web"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/static:busybox\nCOPY . /www/\n");
    Files.writeString(app.resolve(".dockerignore"), "*.log\n");
    Files.writeString(app.resolve("index.html"), "hi");
    Files.writeString(app.resolve("debug.log"), "noise");
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", url());
    env.put("BERTH_TOKEN", TOKEN);
    BerthBuildStep step = new BerthBuildStep("127.0.0.1:5000/web");
    step.setDir("web");
    step.setBuilder("cluster");

    new BerthBuildExecution(step, new TestStepContext().with(TaskListener.class, listener).with(EnvVars.class, env)
        .with(FilePath.class, TestStepContext.workspace(ws))).run();

    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(new ByteArrayInputStream(uploaded)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).containsExactlyInAnyOrder("Dockerfile", ".dockerignore", "index.html");
    assertThat(listener.text()).contains("[Berth] Building the committed web/Dockerfile as it is");
  }

  @Test
  void run_dockerignorePatternThatIsNoGlob_failsWithOneLineNamingIt_beforeAnyRequest() throws Exception {
    Path app = Files.createDirectories(ws.resolve("web"));
    Files.writeString(app.resolve("Dockerfile"), "FROM berth/static:busybox\nCOPY . /www/\n");
    Files.writeString(app.resolve(".dockerignore"), "*.log\n[oops\n");
    EnvVars env = new EnvVars();
    env.put("BERTH_MASTER_URL", url());
    env.put("BERTH_TOKEN", TOKEN);
    BerthBuildStep step = new BerthBuildStep("127.0.0.1:5000/web");
    step.setDir("web");
    step.setBuilder("cluster");

    assertThatThrownBy(() -> new BerthBuildExecution(step, new TestStepContext().with(TaskListener.class, listener)
        .with(EnvVars.class, env).with(FilePath.class, TestStepContext.workspace(ws))).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: cannot pack web as the build context: ")
        .hasMessageContaining("web/.dockerignore line 2: '[oops' is not a valid pattern")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(requests).isEmpty();
  }

  @Test
  void run_abortedWhileTheJobRuns_cancelsTheJob() throws Exception {
    endless = true;
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread step = new Thread(() -> {
      try {
        run(url());
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    step.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!listener.text().contains("Successfully built") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    step.interrupt();
    step.join(10_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(requests).anyMatch(r -> r.startsWith("DELETE /v1/builds/b-1 "));
    assertThat(listener.text()).contains("[Berth] build aborted: cancelled build job b-1 on the master");
  }

  @Test
  void run_unreachableMaster_failsWithOneLineNamingIt() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;

    assertThatThrownBy(() -> run(url)).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: the Berth master at " + url + " refused or did not answer: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(TOKEN));
  }

  @Test
  void run_clusterWithoutMaster_saysWhatIsMissing() {
    Path ignored = ws;
    BerthBuildStep step = new BerthBuildStep("shop");
    step.setBuilder("cluster");

    assertThatThrownBy(() -> new BerthBuildExecution(step, new TestStepContext().with(TaskListener.class, listener)
        .with(EnvVars.class, new EnvVars()).with(FilePath.class, TestStepContext.workspace(ignored))).run())
        .isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthBuild: builder 'cluster' needs a Berth master: no Berth master configured:"
            + " BERTH_MASTER_URL is not set");
    assertThat(Files.exists(ws.resolve(".berth"))).isFalse();
  }
}
