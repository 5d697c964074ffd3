package dev.berth.imagebuilder.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildListener;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.ImageBuildException;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.plan.BuildBackend;
import dev.berth.imagebuilder.plan.BuildPlan;
import dev.berth.imagebuilder.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline-base fallback and the engine/daemonless choice, with a backend that records instead of building. */
class StepsRunnerTest {

  @TempDir Path dir;

  /** An "engine" that has exactly {@code present} and records the plan it was asked to build. */
  static final class RecordingBackend implements BuildBackend {
    final Set<String> present;
    final String name;
    BuildPlan built;

    RecordingBackend(String name, Set<String> present) {
      this.name = name;
      this.present = present;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean builds(BuildPlan plan) {
      return name.equals("engine") ? plan instanceof BuildPlan.DockerfileBuild : plan instanceof BuildPlan.JibBuild;
    }

    @Override
    public boolean baseAvailable(String image, BuildListener listener) {
      return present.contains(image);
    }

    @Override
    public BuildResult build(BuildPlan plan, BuildListener listener) {
      built = plan;
      return new BuildResult(plan.tags().get(0), plan.tags(), "sha256:x", null, false, name, "", false);
    }
  }

  StepsRunner runner(RecordingBackend... backends) {
    return new StepsRunner(List.of(backends), DockerfileRenderer.standard(), BaseImageCatalog.load());
  }

  BuildRequest request(boolean jib) {
    Path app = Samples.l1DistJdk7(dir.resolve("app"));
    return new BuildRequest(app, List.of("app:1"), jib, null, null, null, dir.resolve("out"), null);
  }

  @Test
  void usesTheOfflineBaseAndSaysSoInOneLineWhenThePublicOneCannotBeHad() throws Exception {
    RecordingBackend engine = new RecordingBackend("engine", Set.of("berth/jre:17"));
    List<BuildEvent> events = new ArrayList<>();
    runner(engine).build(request(false), events::add);

    assertThat(Files.readString(dir.resolve("out/Dockerfile"))).contains("FROM berth/jre:17");
    assertThat(events).filteredOn(e -> e.kind() == BuildEvent.Kind.NOTICE).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("eclipse-temurin:17-jre").contains("berth/jre:17"));
    assertThat(engine.built).isInstanceOf(BuildPlan.DockerfileBuild.class);
  }

  @Test
  void keepsThePublicBaseWhenTheEngineHasIt() throws Exception {
    RecordingBackend engine = new RecordingBackend("engine", Set.of("eclipse-temurin:17-jre"));
    List<BuildEvent> events = new ArrayList<>();
    runner(engine).build(request(false), events::add);

    assertThat(Files.readString(dir.resolve("out/Dockerfile"))).contains("FROM eclipse-temurin:17-jre");
    assertThat(events).noneMatch(e -> e.kind() == BuildEvent.Kind.NOTICE);
  }

  @Test
  void namesTheCommandThatBuildsTheOfflineBaseWhenNeitherIsThere() {
    RecordingBackend engine = new RecordingBackend("engine", Set.of());
    assertThatThrownBy(() -> runner(engine).build(request(false), BuildListener.none()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("berth base-images --only jre-17");
  }

  @Test
  void jibBuildsReadTheBaseFromTheEngineWhenItIsThere() throws Exception {
    RecordingBackend engine = new RecordingBackend("engine", Set.of("berth/jre:17"));
    RecordingBackend jib = new RecordingBackend("jib", Set.of());
    runner(engine, jib).build(request(true), BuildListener.none());

    assertThat(engine.built).isNull();
    assertThat(jib.built).isInstanceOfSatisfying(BuildPlan.JibBuild.class, b -> {
      assertThat(b.baseFromEngine()).isTrue();
      assertThat(b.plan().baseImage()).isEqualTo("berth/jre:17");
    });
  }

  @Test
  void aFailedDetectionKeepsItsExitCode() {
    RecordingBackend engine = new RecordingBackend("engine", Set.of("berth/jre:17"));
    Path unknown = Samples.u1Unknown(dir.resolve("u"));
    BuildRequest request = new BuildRequest(unknown, List.of("app:1"), false, null, null, null, dir.resolve("o"), null);
    assertThatThrownBy(() -> runner(engine).build(request, BuildListener.none()))
        .isInstanceOfSatisfying(ImageBuildException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
  }

  @Test
  void finalBase_isTheLastStagesFromImage_orScratchForABuildArgument() {
    assertThat(StepsRunner.finalBase("FROM maven:3 AS build\nRUN mvn package\nFROM --platform=linux/amd64"
        + " eclipse-temurin:17-jre\nCOPY --from=build /a /a\n")).isEqualTo("eclipse-temurin:17-jre");
    assertThat(StepsRunner.finalBase("ARG BASE=alpine\nfrom ${BASE}\n")).isEqualTo("scratch");
    assertThat(StepsRunner.finalBase("# no FROM yet\n")).isEqualTo("scratch");
  }
}
