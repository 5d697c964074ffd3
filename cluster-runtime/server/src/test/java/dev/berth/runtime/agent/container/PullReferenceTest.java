package dev.berth.runtime.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PullReferenceTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void splitsRegistryRepositoryAndTagOrDigest() {
    assertThat(PullReference.parse("127.0.0.1:5000/team/shop:7"))
        .isEqualTo(new PullReference("127.0.0.1:5000", "127.0.0.1:5000/team/shop", "7"));
    assertThat(PullReference.parse("reg.example/shop@" + DIGEST))
        .isEqualTo(new PullReference("reg.example", "reg.example/shop", DIGEST));
    assertThat(PullReference.parse("reg.example/shop:7@" + DIGEST).tagOrDigest()).isEqualTo(DIGEST);
    assertThat(PullReference.parse("localhost/shop")).isEqualTo(new PullReference("localhost", "localhost/shop",
        "latest"));
    assertThat(PullReference.parse("reg.example:5000/shop").tagOrDigest()).isEqualTo("latest");
  }

  @Test
  void onlyReferencesNamingTheirRegistryArePulled() {
    assertThat(PullReference.parse("shop:1").namesRegistry()).isFalse();
    assertThat(PullReference.parse("berth/jre:17").namesRegistry()).isFalse();
    assertThat(PullReference.parse("shop:1").registry()).isNull();
    assertThat(PullReference.parse("reg.example/shop:1").namesRegistry()).isTrue();
  }

  @Test
  void emptyPartsAreOneErrorNamingTheReference() {
    assertThatThrownBy(() -> PullReference.parse("reg.example/shop:"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("image reference 'reg.example/shop:'");
    assertThatThrownBy(() -> PullReference.parse("reg.example/shop@"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
