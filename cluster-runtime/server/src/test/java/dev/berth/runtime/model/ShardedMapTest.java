package dev.berth.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardedMapTest {

  @Test
  void edit_leavesTheOriginalAsItWas_andTheCopyEqualsAPlainMapWithTheSameChanges() {
    Map<String, Integer> plain = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      plain.put("r" + i, i);
    }
    ShardedMap<String, Integer> original = ShardedMap.copyOf(plain);

    ShardedMap<String, Integer> changed =
        original.edit().remove("r1").remove("absent").put("r2", -2).put("new", 7).build();

    assertThat(original).isEqualTo(plain).hasSize(5000).containsEntry("r1", 1).containsEntry("r2", 2);
    plain.remove("r1");
    plain.put("r2", -2);
    plain.put("new", 7);
    assertThat(changed).isEqualTo(plain).hasSize(5000);
    assertThat(changed.entrySet()).hasSize(5000);
    assertThat(changed.get("r1")).isNull();
    assertThat(changed.containsKey("new")).isTrue();
  }

  @Test
  void isImmutable() {
    ShardedMap<String, Integer> map = ShardedMap.copyOf(Map.of("a", 1));

    assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(3))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(ShardedMap.copyOf(map)).isSameAs(map);
  }
  @Test
  void forEachInChangedShards_seesEveryPutOfAnEdit_andLittleElse() {
    ShardedMap.Editor<String, Integer> all = ShardedMap.<String, Integer>empty().edit();
    for (int i = 0; i < 10_000; i++) {
      all.put("k" + i, i);
    }
    ShardedMap<String, Integer> before = all.build();
    ShardedMap<String, Integer> after = before.edit().put("k7", -7).put("new", 1).remove("k9").build();

    Map<String, Integer> seen = new HashMap<>();
    after.forEachInChangedShards(before, seen::put);

    assertThat(seen).containsEntry("k7", -7).containsEntry("new", 1).doesNotContainKey("k9");
    assertThat(seen.size()).isLessThan(100);
    seen.forEach((k, v) -> assertThat(after.get(k)).isEqualTo(v));
    Map<String, Integer> none = new HashMap<>();
    after.forEachInChangedShards(after, none::put);
    assertThat(none).isEmpty();
  }
}
