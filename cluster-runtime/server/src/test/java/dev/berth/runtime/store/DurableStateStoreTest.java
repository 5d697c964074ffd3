package dev.berth.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.Replica;
import dev.berth.runtime.model.RolloutState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStateStoreTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private static AppRecord app(String name, int replicas) {
    return new AppRecord(
        ApiJson.readSpec("name: " + name + "\nimage: " + name + ":1\nreplicas: " + replicas + "\n"), 1, NOW, NOW,
        RolloutState.start(1, NOW, 0), Map.of());
  }

  @Test
  void reopen_restoresAppsAndReplicas_withoutDeletedOnes() {
    try (DurableStateStore store = DurableStateStore.open(dir)) {
      store.write(new StoreWrite(List.of(app("web", 2), app("api", 1)), null,
          List.of(Replica.create("default.web-1-a", "default/web", 1, NOW).placedOn("n1", NOW)), null));
      store.write(new StoreWrite(null, List.of("default/api"), null, null));
    }

    try (DurableStateStore store = DurableStateStore.open(dir)) {
      assertThat(store.snapshot().apps()).containsOnlyKeys("default/web");
      assertThat(store.snapshot().apps().get("default/web")).isEqualTo(app("web", 2));
      assertThat(store.snapshot().replicas().get("default.web-1-a").nodeId()).isEqualTo("n1");
    }
  }

  @Test
  void aWriterInterruptedMidWrite_doesNotCloseTheStoreForEveryoneElse() throws Exception {
    try (DurableStateStore store = DurableStateStore.open(dir)) {
      // A thread with its interrupt flag set: the JDK closes a file channel that such a thread writes to.
      Thread interrupted = new Thread(() -> {
        Thread.currentThread().interrupt();
        store.write(StoreWrite.app(app("web", 1)));
      });
      interrupted.start();
      interrupted.join();

      store.write(StoreWrite.app(app("api", 1)));
    }

    try (DurableStateStore store = DurableStateStore.open(dir)) {
      assertThat(store.snapshot().apps()).containsOnlyKeys("default/web", "default/api");
    }
  }

  @Test
  void secondStoreOnSameFolder_failsNamingTheFolder() {
    try (DurableStateStore store = DurableStateStore.open(dir)) {
      assertThatThrownBy(() -> DurableStateStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("another master");
    }
  }

  @Test
  void observedState_isNotPersisted() {
    try (DurableStateStore store = DurableStateStore.open(dir)) {
      store.write(StoreWrite.app(app("web", 1)));
      store.addEvent("default/web", new dev.berth.runtime.api.status.AppEvent(NOW, "Normal", "X", "y"));
    }
    try (DurableStateStore store = DurableStateStore.open(dir)) {
      assertThat(store.events("default/web")).isEmpty();
      assertThat(store.snapshot().nodes()).isEmpty();
    }
  }
}
