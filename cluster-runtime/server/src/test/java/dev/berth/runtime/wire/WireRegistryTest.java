package dev.berth.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireRegistryTest {

  @Test
  void fingerprint_matchesGoldenFile_soAnyRegistrationChangeIsDeliberate() throws IOException {
    String golden;
    try (var in = getClass().getResourceAsStream("/wire/registry.fingerprint")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    assertThat(WireRegistry.fingerprint())
        .as("the wire registration changed; if on purpose, bump WireLimits.PROTOCOL_VERSION when incompatible and"
            + " write this fingerprint into src/test/resources/wire/registry.fingerprint:\n%s\n%s",
            WireRegistry.fingerprint(), String.join("\n", WireRegistry.lines()))
        .isEqualTo(golden);
  }

  @Test
  void ids_areUnique_andBerthMessagesStartAt100() {
    List<String> lines = WireRegistry.lines();
    HashSet<String> ids = new HashSet<>();
    for (String line : lines) {
      String id = line.substring(0, line.indexOf(':'));
      assertThat(ids.add(id)).as("duplicate id in %s", line).isTrue();
      if (line.contains("Message:")) {
        assertThat(Integer.parseInt(id)).as(line).isGreaterThanOrEqualTo(100);
      }
    }
  }

  @Test
  void messageRecords_useKryoRecordSerializer() {
    assertThat(WireRegistry.lines())
        .filteredOn(l -> l.contains("dev.berth.runtime.wire."))
        .allMatch(l -> l.contains(":com.esotericsoftware.kryo.kryo5.serializers.RecordSerializer("));
  }

  @Test
  void lines_nameEachMessagesComponents_soAFieldAddedToAMessageChangesTheFingerprint() {
    assertThat(WireRegistry.lines())
        .filteredOn(l -> l.startsWith("121:"))
        .singleElement()
        .satisfies(l -> assertThat(l)
            .contains("(java.lang.String replicaId, java.lang.String namespace,")
            .endsWith(", dev.berth.runtime.wire.JvmSizingMessage jvmSizing)"));
  }
}
