package dev.berth.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/** STYLE.md §2.7 rules 5 and 6 for the plugin. */
@AnalyzeClasses(packages = "dev.berth.jenkins", importOptions = DependencyRulesTest.MainClassesOnly.class)
class DependencyRulesTest {

  /** Leaves out test classes in any build folder: DoNotIncludeTests knows only target/test-classes. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("/test-classes/");
    }
  }

  @ArchTest
  static final ArchRule noEngineOrWireLibraries = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("com.github.dockerjava..", "com.google.cloud.tools.jib..", "com.esotericsoftware..",
          "io.fabric8..")
      .because("the plugin runs inside Jenkins; engines, Jib, Kryonet and fabric8 stay out of its class loader");

  @ArchTest
  static final ArchRule onlyTheRuntimeApi = noClasses().should().dependOnClassesThat(
          com.tngtech.archunit.base.DescribedPredicate.describe("dev.berth.runtime outside dev.berth.runtime.api",
              c -> c.getPackageName().startsWith("dev.berth.runtime")
                  && !c.getPackageName().startsWith("dev.berth.runtime.api")))
      .because("the plugin talks to the master over cluster-runtime-api's HTTP client only");

  @ArchTest
  static final ArchRule noImageBuilderBackends = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.berth.imagebuilder.docker..", "dev.berth.imagebuilder.jib..",
          "dev.berth.imagebuilder.steps..")
      .because("the plugin builds through ImageBuilder.build only, which finds the backends by ServiceLoader");

  @ArchTest
  static final ArchRule noCycles = SlicesRuleDefinition.slices().matching("dev.berth.jenkins.(*)..")
      .should().beFreeOfCycles();
}
