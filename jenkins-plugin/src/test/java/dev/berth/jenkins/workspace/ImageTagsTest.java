package dev.berth.jenkins.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTagsTest {

  @Test
  void of_repositoryWithoutTags_isTaggedWithTheBuildNumber_orLatestOutsideABuild() {
    assertThat(ImageTags.of("127.0.0.1:5000/shop", "", 12)).containsExactly("127.0.0.1:5000/shop:12");
    assertThat(ImageTags.of("shop", null, 0)).containsExactly("shop:latest");
  }

  @Test
  void of_commaSeparatedTags_keepTheirOrderWithoutDuplicates() {
    assertThat(ImageTags.of("registry.internal:5000/team/shop", " 1.4.2, latest,,1.4.2 ", 3))
        .containsExactly("registry.internal:5000/team/shop:1.4.2", "registry.internal:5000/team/shop:latest");
  }

  @Test
  void of_imageWithItsOwnTag_isUsedAsIs() {
    assertThat(ImageTags.of("127.0.0.1:5000/shop:rc1", "", 9)).containsExactly("127.0.0.1:5000/shop:rc1");
  }

  @Test
  void of_badInput_namesTheValueAndTheFix() {
    assertThatThrownBy(() -> ImageTags.of(" ", "", 1)).hasMessageContaining("no image given")
        .hasMessageContaining("image: '127.0.0.1:5000/shop'");
    assertThatThrownBy(() -> ImageTags.of("shop@sha256:" + "a".repeat(64), "", 1))
        .hasMessageContaining("pinned to a digest").hasMessageContaining("image: 'shop'");
    assertThatThrownBy(() -> ImageTags.of("shop:1", "2", 1)).hasMessageContaining("already has a tag")
        .hasMessageContaining("image: 'shop'");
    assertThatThrownBy(() -> ImageTags.of("Shop", "", 1)).hasMessageContaining("not an image repository")
        .hasMessageContaining("image: 'shop'");
    assertThatThrownBy(() -> ImageTags.of("shop", "-x", 1)).hasMessageContaining("tag '-x' is not a Docker tag");
  }

  @Test
  void of_firstComponentIsARegistryOnlyAsDockerReadsIt() {
    assertThat(ImageTags.of("localhost:5000/shop", "", 1)).containsExactly("localhost:5000/shop:1");
    assertThat(ImageTags.of("Registry.Example.com/team/shop", "", 1))
        .containsExactly("Registry.Example.com/team/shop:1");
    assertThat(ImageTags.of("buildhost:5000/shop", "", 1)).containsExactly("buildhost:5000/shop:1");
    // No dot, no port: Docker reads MyOrg as a path component, and path components are lower case.
    assertThatThrownBy(() -> ImageTags.of("MyOrg/shop", "", 1)).hasMessageContaining("not an image repository")
        .hasMessageContaining("image: 'myorg/shop'");
  }
}
