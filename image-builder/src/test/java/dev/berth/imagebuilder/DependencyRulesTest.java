package dev.berth.imagebuilder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The image builder's dependency rules (house style §2.7), enforced on the compiled classes. */
class DependencyRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("dev.berth.imagebuilder");
  }

  @Test
  void dockerJava_onlyInTheDockerPackage() {
    noClasses().that().resideOutsideOfPackage("dev.berth.imagebuilder.docker..")
        .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
        .because("docker-java is optional and its errors are wrapped where it is imported")
        .check(classes);
  }

  @Test
  void jib_onlyInTheJibPackage() {
    noClasses().that().resideOutsideOfPackage("dev.berth.imagebuilder.jib..")
        .should().dependOnClassesThat().resideInAnyPackage("com.google.cloud.tools.jib..")
        .because("Jib is optional; the Jenkins plugin detects without it")
        .check(classes);
  }

  @Test
  void api_usesTheJdkAndFactsOnly() {
    noClasses().that().resideInAPackage("dev.berth.imagebuilder.api..")
        .should().dependOnClassesThat().resideOutsideOfPackages(
            "java..", "dev.berth.imagebuilder.api..", "dev.berth.runtime.api.facts..")
        .because("callers never depend on the versions of Berth's libraries")
        .check(classes);
  }

  @Test
  void detection_neverReachesTheBackends() {
    noClasses().that().resideInAnyPackage(
            "dev.berth.imagebuilder.detect..", "dev.berth.imagebuilder.inspect..",
            "dev.berth.imagebuilder.dockerfile..", "dev.berth.imagebuilder.catalog..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.berth.imagebuilder.docker..", "dev.berth.imagebuilder.jib..", "dev.berth.imagebuilder.base..")
        .because("detection and rendering run inside Jenkins, where no engine client is loaded")
        .check(classes);
  }

  @Test
  void packages_formNoCycles() {
    slices().matching("dev.berth.imagebuilder.(*)..").should().beFreeOfCycles().check(classes);
  }
}
