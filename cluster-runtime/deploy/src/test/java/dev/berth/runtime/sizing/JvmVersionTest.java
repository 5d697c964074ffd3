package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JvmVersionTest {

  @ParameterizedTest
  @CsvSource({
    "17.0.15, 17, 15",
    "17.0.15+6, 17, 15",
    "1.8.0_372, 8, 372",
    "1.8.0_372-b07, 8, 372",
    "8u372, 8, 372",
    "8u191-b12, 8, 191",
    "1.7.0_80, 7, 80",
    "11.0.2, 11, 2",
    "25.0.3, 25, 3",
    "21.0.1.0.1, 21, 1",
    "25, 25, -1",
    "25-ea, 25, -1",
    "1.8.0, 8, -1",
  })
  void readsEverySpelling(String text, int feature, int update) {
    assertThat(JvmVersion.parse(text)).isEqualTo(new JvmVersion(feature, update));
  }

  @ParameterizedTest
  @CsvSource({"hotspot", "'  '", "1.5.0_22", "x17"})
  void rejectsWhatIsNotAVersion(String text) {
    assertThatThrownBy(() -> JvmVersion.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"8u190, false", "8u191, true", "1.8.0, false", "11, true", "7u80, false"})
  void containerSupportStartsAt8u191(String text, boolean aware) {
    assertThat(JvmVersion.parse(text).containerAware()).isEqualTo(aware);
  }
}
