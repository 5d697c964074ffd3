package dev.berth.runtime.api.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.api.json.ApiJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildJobJsonTest {

  @Test
  void statusRoundTripsThroughJsonWithoutDerivedFields() {
    BuildJobStatus status =
        new BuildJobStatus("b-1", BuildJobPhase.SUCCEEDED, "shop", "node-1", 0, "built", "shop:1", "sha256:ab", null,
            List.of("shop:1", "shop:latest"), false, 1234, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:01Z"), Instant.parse("2026-01-01T00:00:09Z"), 73_400_320L);
    String json = ApiJson.toJson(status);
    assertFalse(json.contains("\"finished\""), json);
    assertEquals(status, ApiJson.read(json, BuildJobStatus.class));
    assertTrue(ApiJson.read(json, BuildJobStatus.class).finished());
  }

  @Test
  void requestNormalisesMissingFieldsAndNamesItsImageByTheFirstTag() {
    BuildJobRequest request = ApiJson.read("{\"tags\":[\"a:1\",\"a:2\"],\"baseImage\":\" \"}", BuildJobRequest.class);
    assertEquals("a:1", request.image());
    assertNull(request.baseImage());
    assertFalse(request.push());
    assertNull(ApiJson.read("{}", BuildJobRequest.class).image());
    assertFalse(ApiJson.toJson(request).contains("\"image\""));
  }

  @Test
  void onlySucceededAndFailedAreFinal() {
    for (BuildJobPhase phase : BuildJobPhase.values()) {
      assertEquals(phase == BuildJobPhase.SUCCEEDED || phase == BuildJobPhase.FAILED, phase.finished(), phase.name());
    }
  }
}
