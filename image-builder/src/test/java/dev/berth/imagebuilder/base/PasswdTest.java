package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PasswdTest {

  @Test
  void passwd_hasTheAppUserWithUid10001Group0AndHomeApp() {
    String app =
        Arrays.stream(Passwd.passwd().split("\n")).filter(l -> l.startsWith("app:")).findFirst().orElseThrow();
    String[] fields = app.split(":");
    assertThat(fields).hasSize(7);
    assertThat(fields[2]).isEqualTo("10001");
    assertThat(fields[3]).isEqualTo("0");
    assertThat(fields[5]).isEqualTo("/app");
  }

  @Test
  void passwd_everyLineHasSevenFields_andRootComesFirst() {
    String[] lines = Passwd.passwd().split("\n");
    assertThat(lines[0]).startsWith("root:x:0:0:");
    assertThat(lines).allSatisfy(l -> assertThat(l.split(":", -1)).hasSize(7));
  }

  @Test
  void group_hasGroup0_soTheAppUsersPrimaryGroupResolves() {
    assertThat(Passwd.group()).startsWith("root:x:0:");
  }

  @Test
  void nsswitch_resolvesUsersFromFilesAndHostsFromFilesThenDns() {
    assertThat(Passwd.nsswitch()).contains("passwd: files").contains("hosts: files dns");
  }
}
