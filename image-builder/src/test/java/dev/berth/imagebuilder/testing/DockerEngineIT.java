package dev.berth.imagebuilder.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine check itself: when the extension lets a test run, the engine really answers. */
@ExtendWith(DockerEngine.class)
class DockerEngineIT {

  @Test
  void engineAnswersPing_whenTestRuns() {
    assertThat(DockerEngine.problem()).isNull();
  }
}
