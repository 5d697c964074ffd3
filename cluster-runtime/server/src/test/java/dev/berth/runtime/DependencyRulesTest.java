package dev.berth.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the runtime module (house style §2.7), enforced on the compiled classes. Decision-code
 * purity has its own tests ({@code DecisionPurityTest}, {@code SizingPurityTest}).
 */
class DependencyRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.berth.runtime");
  }

  @Test
  void dockerJava_onlyInTheAgentsDockerPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.berth.runtime.agent.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.dockerjava..")
        .because("docker-java's errors are wrapped where the library is imported")
        .check(classes);
  }

  @Test
  void kryonet_onlyInWireAndTransports() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.berth.runtime.wire..",
            "dev.berth.runtime.master.transport..",
            "dev.berth.runtime.agent.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.esotericsoftware..")
        .check(classes);
  }

  @Test
  void fabric8_onlyInTheKubernetesPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.berth.runtime.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..")
        .check(classes);
  }

  @Test
  void picocli_onlyInTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.berth.runtime.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(classes);
  }

  @Test
  void agent_neverSeesTheMaster() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.berth.runtime.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.berth.runtime.master..",
            "dev.berth.runtime.store..",
            "dev.berth.runtime.scheduler..",
            "dev.berth.runtime.reconcile..",
            "dev.berth.runtime.controller..")
        .check(classes);
  }

  @Test
  void master_neverSeesTheAgent() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.berth.runtime.master..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.berth.runtime.agent..")
        .check(classes);
  }

  @Test
  void packages_formNoCycles() {
    slices().matching("dev.berth.runtime.(*)..").should().beFreeOfCycles().check(classes);
  }
}
