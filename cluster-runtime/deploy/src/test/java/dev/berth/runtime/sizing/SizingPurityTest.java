package dev.berth.runtime.sizing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** STYLE.md §2.4: {@code .sizing} is pure; the master, agents and Kubernetes target all call it. */
class SizingPurityTest {

  @Test
  void sizingDoesNoIoAndDependsOnlyOnApiRecords() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.runtime.sizing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.net..", "java.nio..", "dev.berth.runtime.agent..",
            "dev.berth.runtime.store..", "dev.berth.runtime.master..", "dev.berth.runtime.cli..",
            "dev.berth.imagebuilder..", "com.github.dockerjava..", "picocli..")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(new ClassFileImporter()
            // Build folders are named per build (target-<name>), which the predefined test filter misses.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.berth.runtime.sizing"));
  }
}
