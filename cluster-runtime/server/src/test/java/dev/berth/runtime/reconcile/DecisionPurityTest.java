package dev.berth.runtime.reconcile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** STYLE.md §2.7 rule 1 for the master's decision code: no I/O, no store, no transport, no clock. */
class DecisionPurityTest {

  private static final String[] DECISIONS = {
    "dev.berth.runtime.scheduler..", "dev.berth.runtime.reconcile..", "dev.berth.runtime.rollout..",
    "dev.berth.runtime.model.."
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(location -> !location.contains("/test-classes/"))
          .importPackages("dev.berth.runtime");

  @Test
  void decisionCode_doesNoIoAndSeesNoStoreOrTransport() {
    noClasses()
        .that()
        .resideInAnyPackage(DECISIONS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net..", "java.nio.file..", "dev.berth.runtime.store..", "dev.berth.runtime.wire..",
            "dev.berth.runtime.master..", "dev.berth.runtime.agent..", "dev.berth.runtime.controller..",
            "com.esotericsoftware..", "com.github.dockerjava..", "org.h2..")
        .because("placement, reconcile and rollout decisions must be replayable from a snapshot and a time")
        .check(classes);
  }

  @Test
  void decisionCode_readsNoClock() {
    noClasses()
        .that()
        .resideInAnyPackage(DECISIONS)
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .because("the time is an input (now), so tests and incident replays are deterministic")
        .check(classes);
  }
}
