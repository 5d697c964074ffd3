package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdkReleaseTest {

  @Test
  void parse_debianJdk17() {
    JdkRelease r =
        JdkRelease.parse(
            "IMPLEMENTOR=\"Debian\"\nJAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"\nJAVA_VERSION=\"17.0.15\"\n");
    assertThat(r.javaVersion()).isEqualTo("17.0.15");
    assertThat(r.runtimeVersion()).isEqualTo("17.0.15+6-Debian-1deb12u1");
    assertThat(r.feature()).isEqualTo(17);
  }

  @Test
  void feature_ofJava8StyleAndOfAFirstRelease() {
    assertThat(new JdkRelease("1.8.0_402", "1.8.0_402-b06").feature()).isEqualTo(8);
    assertThat(new JdkRelease("25", "25+36").feature()).isEqualTo(25);
  }

  @Test
  void parse_withoutJavaVersion_fails() {
    assertThatThrownBy(() -> JdkRelease.parse("IMPLEMENTOR=\"x\"\n")).hasMessageContaining("JAVA_VERSION");
  }
}
