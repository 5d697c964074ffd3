package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.imagebuilder.testing.Samples;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.spec.AppSpec;
import dev.berth.runtime.deploy.AppSpecDraft;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DraftedSpecFileTest {

  @TempDir Path ws;

  @Test
  void nodeApp_writesTheDraftUnderDotBerth_withItsPortAndHealth() throws Exception {
    Path app = Samples.n1Node(ws);

    AppSpecDraft draft = DraftedSpecFile.write(app, "web", "web", "team-a", "127.0.0.1:5000/web:1",
        AppSpecDraft.Overrides.none());

    AppSpec written = ApiJson.readSpec(Files.readString(app.resolve(".berth/app.yaml")));
    assertThat(written).isEqualTo(draft.spec());
    assertThat(written.key()).isEqualTo("team-a/web");
    assertThat(written.ports()).extracting(p -> p.port()).containsExactly(3000);
    assertThat(written.health().tcp().port()).isEqualTo(3000);
    assertThat(written.jvm().facts()).isNull();
  }

  @Test
  void unknownFolder_failsWithOneLineNamingItAndTheSpecFix() {
    assertThatThrownBy(() -> DraftedSpecFile.write(ws, ".", "web", "default", "127.0.0.1:5000/web:1",
            AppSpecDraft.Overrides.none()))
        .isInstanceOf(DraftedSpecFile.DraftException.class)
        .hasMessageStartingWith("cannot draft a spec for 'web': detection in . failed [UNKNOWN_STACK] ")
        .hasMessageEndingWith("pass the app's spec file, e.g. spec: '.berth/app.yaml'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(ws.resolve(".berth/app.yaml")).doesNotExist();
  }

  @Test
  void specPath_isRelativeToTheWorkspace() {
    assertThat(DraftedSpecFile.specPath("dist")).isEqualTo("dist/.berth/app.yaml");
    assertThat(DraftedSpecFile.specPath(".")).isEqualTo(".berth/app.yaml");
  }
}
