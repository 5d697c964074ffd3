package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executions go to {@code program.dat} through JBoss Marshalling (JENKINS.md §4.3): a version id, the step kept
 * transient, and every other instance field Serializable.
 */
class ExecutionFieldsTest {

  static List<Class<? extends StepExecution>> executions() {
    return List.of(BerthDetectExecution.class, BerthDockerfileExecution.class, BerthDeployExecution.class,
        BerthStatusExecution.class);
  }

  @ParameterizedTest
  @MethodSource("executions")
  void execution_hasVersionIdTransientStepAndSerializableFields(Class<?> execution) throws Exception {
    Field uid = execution.getDeclaredField("serialVersionUID");
    assertThat(Modifier.isStatic(uid.getModifiers()) && uid.getType() == long.class).isTrue();
    uid.setAccessible(true);
    assertThat(uid.getLong(null)).isEqualTo(1L);
    for (Field f : execution.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (org.jenkinsci.plugins.workflow.steps.Step.class.isAssignableFrom(f.getType())) {
        assertThat(Modifier.isTransient(f.getModifiers())).as("%s.%s is transient", execution.getSimpleName(),
            f.getName()).isTrue();
      } else if (!Modifier.isTransient(f.getModifiers())) {
        assertThat(f.getType().isPrimitive() || Serializable.class.isAssignableFrom(f.getType()))
            .as("%s.%s (%s) is Serializable", execution.getSimpleName(), f.getName(), f.getType()).isTrue();
      }
    }
  }
}
