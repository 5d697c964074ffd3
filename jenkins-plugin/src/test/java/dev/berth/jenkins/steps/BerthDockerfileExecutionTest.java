package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.testing.Samples;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthDockerfile on sample apps: generate, keep a hand edit, keep a committed Dockerfile, fail on ambiguity. */
class BerthDockerfileExecutionTest {

  @TempDir Path ws;
  final RecordingListener listener = new RecordingListener();

  Map<String, Object> run(BerthDockerfileStep step) throws Exception {
    TestStepContext context = new TestStepContext().with(TaskListener.class, listener)
        .with(FilePath.class, TestStepContext.workspace(ws));
    return ((BerthDockerfileExecution) step.start(context)).run();
  }

  BerthDockerfileStep in(Path app) {
    BerthDockerfileStep step = new BerthDockerfileStep();
    step.setDir(ws.relativize(app).toString());
    return step;
  }

  @Test
  void run_legacyJar_writesDockerfileAndContextIntoDotBerth() throws Exception {
    Path app = Samples.l2JarClasspath(ws);

    Map<String, Object> result = run(in(app));

    assertThat(result).containsEntry("dockerfile", "l2-jar-classpath/.berth/Dockerfile")
        .containsEntry("directory", "l2-jar-classpath/.berth").containsEntry("generated", true);
    assertThat((String) result.get("template")).startsWith("jvm-");
    assertThat(app.resolve(".berth/Dockerfile")).content().startsWith("# berth:generated")
        .contains("FROM " + result.get("baseImage"));
    assertThat(app.resolve(".berth/context")).isDirectory();
    assertThat(listener.text()).contains("[Berth] Wrote l2-jar-classpath/.berth/Dockerfile");
  }

  @Test
  void run_handEditedDockerfile_isKeptWithALogLine_unlessOverwrite() throws Exception {
    Path app = Samples.l2JarClasspath(ws);
    run(in(app));
    Path dockerfile = app.resolve(".berth/Dockerfile");
    Files.writeString(dockerfile, Files.readString(dockerfile) + "# tuned by hand\n");

    Map<String, Object> kept = run(in(app));
    assertThat(kept).containsEntry("generated", false);
    assertThat(dockerfile).content().contains("# tuned by hand");
    assertThat(listener.text()).contains("Kept the hand-edited Dockerfile in l2-jar-classpath/.berth");

    BerthDockerfileStep overwrite = in(app);
    overwrite.setOverwrite(true);
    assertThat(run(overwrite)).containsEntry("generated", true);
    assertThat(dockerfile).content().doesNotContain("# tuned by hand");
  }

  @Test
  void run_committedDockerfile_isKeptAndNothingIsWritten() throws Exception {
    Path app = Samples.l2JarClasspath(ws);
    Files.writeString(app.resolve("Dockerfile"), "FROM eclipse-temurin:17-jre\n");

    Map<String, Object> result = run(in(app));

    assertThat(result).containsEntry("dockerfile", "l2-jar-classpath/Dockerfile").containsEntry("generated", false);
    assertThat(app.resolve(".berth")).doesNotExist();
    assertThat(listener.text()).contains("Keeping the Dockerfile committed at l2-jar-classpath/Dockerfile");
  }

  @Test
  void run_baseImage_replacesTheCatalogsFrom() throws Exception {
    BerthDockerfileStep step = in(Samples.l2JarClasspath(ws));
    step.setBaseImage("registry.internal:5000/jre:17");

    assertThat(run(step)).containsEntry("baseImage", "registry.internal:5000/jre:17");
  }

  @Test
  void run_ambiguousApp_failsWithTheDetectionErrorAndWritesNothing() {
    Path app = Samples.a1Ambiguous(ws);

    assertThatThrownBy(() -> run(in(app))).isInstanceOf(AbortException.class)
        .hasMessageStartingWith("berthDockerfile: ERROR [AMBIGUOUS]");
    assertThat(app.resolve(".berth")).doesNotExist();
  }
}
