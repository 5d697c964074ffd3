package dev.berth.jenkins.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLedgerTest {

  @TempDir
  Path home;

  @Test
  void keepsTheLastDeployPerApp_acrossInstances() throws Exception {
    Path file = home.resolve(DeployLedger.FILE_NAME);
    new DeployLedger(file).record("default", "shop", new DeployLedger.Entry("p #1", "p#1", "job/p/1/", 1, "FAILED", 1));
    new DeployLedger(file).record("default", "shop", new DeployLedger.Entry("p #2", "p#2", "job/p/2/", 2, "SUCCEEDED", 2));
    new DeployLedger(file).record("team", "api", new DeployLedger.Entry("q #9", "q#9", "job/q/9/", 3, "APPLIED", 5));

    var all = new DeployLedger(file).read();

    assertThat(all).containsOnlyKeys("default/shop", "team/api");
    assertThat(all.get("default/shop")).isEqualTo(new DeployLedger.Entry("p #2", "p#2", "job/p/2/", 2, "SUCCEEDED", 2));
    assertThat(home.resolve(DeployLedger.FILE_NAME + ".tmp")).doesNotExist();
  }

  @Test
  void aMissingOrDamagedFile_readsAsEmpty() throws Exception {
    Path file = home.resolve(DeployLedger.FILE_NAME);
    assertThat(new DeployLedger(file).read()).isEmpty();
    Files.writeString(file, "{not json");
    assertThat(new DeployLedger(file).read()).isEmpty();
  }
}
