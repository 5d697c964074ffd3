package dev.berth.imagebuilder.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BaseImageCatalogTest {

  private final BaseImageCatalog catalog = BaseImageCatalog.load();

  @Test
  void load_shippedCatalog_hasShellLessJresFor17And25() {
    assertThat(catalog.jdkRuntimes()).containsExactly(17, 25);
    assertThat(catalog.jre(17, false)).map(BaseImage::offline).contains("berth/jre:17");
    assertThat(catalog.jre(17, true)).map(BaseImage::offline).contains("berth/jre:17-debian");
  }

  @Test
  void tomcat_byLine_findsOfflineAndPublicImage() {
    BaseImage tomcat10 = catalog.tomcat("10.1").orElseThrow();
    assertThat(tomcat10.image()).isEqualTo("tomcat:10.1-jre17-temurin");
    assertThat(tomcat10.offline()).isEqualTo("berth/tomcat:10.1-jre17");
    assertThat(catalog.tomcat("8.5")).isEmpty();
  }

  @Test
  void get_unknownId_namesTheIdAndTheKnownOnes() {
    assertThatThrownBy(() -> catalog.get("jre-8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'jre-8'")
        .hasMessageContaining("jre-17");
  }
}
