package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppFolderTest {

  @TempDir Path workspace;

  @Test
  void resolve_emptyDir_isTheWorkspace() throws Exception {
    assertThat(AppFolder.resolve(workspace.toString(), "")).isEqualTo(workspace.toAbsolutePath().normalize());
  }

  @Test
  void resolve_relativeDir_insideTheWorkspace() throws Exception {
    Files.createDirectories(workspace.resolve("svc/app"));
    assertThat(AppFolder.resolve(workspace.toString(), "svc/./app")).isEqualTo(workspace.resolve("svc/app"));
  }

  @Test
  void resolve_dirLeavingTheWorkspace_isRefused() {
    assertThatThrownBy(() -> AppFolder.resolve(workspace.toString(), "../other"))
        .isInstanceOfSatisfying(AppFolderException.class, e -> {
          assertThat(e.reason()).isEqualTo(AppFolderException.Reason.ESCAPES);
          assertThat(e.value()).isEqualTo("../other");
        });
    assertThatThrownBy(() -> AppFolder.resolve(workspace.toString(), "/etc"))
        .isInstanceOfSatisfying(AppFolderException.class,
            e -> assertThat(e.reason()).isEqualTo(AppFolderException.Reason.ESCAPES));
  }

  @Test
  void resolve_folderNotOnThisMachine_saysSo() {
    assertThatThrownBy(() -> AppFolder.resolve(workspace.resolve("elsewhere").toString(), ""))
        .isInstanceOfSatisfying(AppFolderException.class,
            e -> assertThat(e.reason()).isEqualTo(AppFolderException.Reason.NOT_HERE));
  }
}
