package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpkgStatusTest {

  private static final String STATUS =
      """
      Package: nodejs
      Status: install ok installed
      Version: 18.19.0+dfsg-6~deb12u2

      Package: golang-go
      Version: 2:1.19~1

      Package: python3.11
      Version: 3.11.2-6+deb12u5
      """;

  @Test
  void version_ofInstalledPackages() {
    DpkgStatus s = DpkgStatus.parse(STATUS);
    assertThat(s.version("nodejs")).contains("18.19.0+dfsg-6~deb12u2");
    assertThat(s.version("python3.11")).contains("3.11.2-6+deb12u5");
    assertThat(s.version("npm")).isEmpty();
  }

  @Test
  void upstream_dropsEpochAndDebianRevision() {
    assertThat(DpkgStatus.upstream("18.19.0+dfsg-6~deb12u2")).isEqualTo("18.19.0");
    assertThat(DpkgStatus.upstream("2:1.19~1")).isEqualTo("1.19");
    assertThat(DpkgStatus.upstream("1.19.8-2")).isEqualTo("1.19.8");
    assertThat(DpkgStatus.upstream("1:1.35.0-4+deb12u1+b1")).isEqualTo("1.35.0");
  }
}
