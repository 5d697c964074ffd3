package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltImageTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void toMap_hasEveryKeyWithPipelineTypes() {
    BuiltImage b = new BuiltImage("127.0.0.1:5000/shop:7", List.of("127.0.0.1:5000/shop:7"), "sha256:1", DIGEST,
        true, "jib", "berth/jre:17", null, 1234, 73_400_320L);

    assertThat(b.toMap()).containsExactly(
        org.assertj.core.api.Assertions.entry("image", "127.0.0.1:5000/shop:7"),
        org.assertj.core.api.Assertions.entry("reference", "127.0.0.1:5000/shop@" + DIGEST),
        org.assertj.core.api.Assertions.entry("tags", new ArrayList<>(List.of("127.0.0.1:5000/shop:7"))),
        org.assertj.core.api.Assertions.entry("imageId", "sha256:1"),
        org.assertj.core.api.Assertions.entry("digest", DIGEST),
        org.assertj.core.api.Assertions.entry("pushed", true),
        org.assertj.core.api.Assertions.entry("builder", "jib"),
        org.assertj.core.api.Assertions.entry("baseImage", "berth/jre:17"),
        org.assertj.core.api.Assertions.entry("tarFile", ""),
        org.assertj.core.api.Assertions.entry("sizeBytes", 73_400_320L),
        org.assertj.core.api.Assertions.entry("durationMs", 1234L));
    assertThat(b.toMap().get("tags")).isInstanceOf(ArrayList.class);
  }

  @Test
  void deployReference_pinsTheDigest_whenPushed() {
    BuiltImage pushed = new BuiltImage("127.0.0.1:5000/shop:7", List.of(), "", DIGEST, true, "docker", "", "", 1);
    BuiltImage local = new BuiltImage("shop:7", List.of(), "sha256:1", "", false, "docker", "", "", 1);

    assertThat(pushed.deployReference()).isEqualTo("127.0.0.1:5000/shop@" + DIGEST);
    assertThat(local.deployReference()).isEqualTo("shop:7");
  }
}
