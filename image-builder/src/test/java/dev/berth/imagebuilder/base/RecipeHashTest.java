package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeHashTest {

  @Test
  void sameInputsInAnyOrder_giveTheSameHash() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("jdk", "17.0.15");
    a.put("modules", "java.se");
    Map<String, String> b = new LinkedHashMap<>();
    b.put("modules", "java.se");
    b.put("jdk", "17.0.15");
    assertThat(RecipeHash.of(a)).isEqualTo(RecipeHash.of(b)).hasSize(64);
  }

  @Test
  void aChangedJdkBuild_changesTheHash() {
    assertThat(RecipeHash.of(Map.of("jdk", "17.0.15", "modules", "java.se")))
        .isNotEqualTo(RecipeHash.of(Map.of("jdk", "17.0.16", "modules", "java.se")));
  }

  @Test
  void keyValueBoundaries_areNotAmbiguous() {
    assertThat(RecipeHash.of(Map.of("a", "b=c"))).isNotEqualTo(RecipeHash.of(Map.of("a=b", "c")));
  }
}
