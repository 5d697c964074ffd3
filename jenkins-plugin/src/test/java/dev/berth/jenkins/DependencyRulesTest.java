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
      .because("the plugin runs inside Jenkins; engines, Jib and Kryonet stay out of its class loader, and fabric8"
          + " is reached through cluster-runtime-deploy's Kubernetes target only");

  /** The runtime packages the plugin may use: the API, and the deploy targets it shares with berth apply. */
  static final java.util.List<String> RUNTIME_PACKAGES = java.util.List.of(
      "dev.berth.runtime.api", "dev.berth.runtime.deploy", "dev.berth.runtime.targets",
      "dev.berth.runtime.kubernetes");

  @ArchTest
  static final ArchRule onlyTheRuntimeApiAndDeployTargets = noClasses().should().dependOnClassesThat(
          com.tngtech.archunit.base.DescribedPredicate.describe(
              "dev.berth.runtime outside the API and the deploy targets",
              c -> c.getPackageName().startsWith("dev.berth.runtime")
                  && RUNTIME_PACKAGES.stream().noneMatch(p -> c.getPackageName().equals(p)
                      || c.getPackageName().startsWith(p + "."))))
      .because("the plugin talks to the master over cluster-runtime-api's HTTP client and deploys through"
          + " cluster-runtime-deploy's targets; the master, agent and sizing stay out");

  @ArchTest
  static final ArchRule noImageBuilderBackends = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("dev.berth.imagebuilder.docker..", "dev.berth.imagebuilder.jib..",
          "dev.berth.imagebuilder.steps..")
      .because("the plugin builds through ImageBuilder.build only, which finds the backends by ServiceLoader");

  @ArchTest
  static final ArchRule noCycles = SlicesRuleDefinition.slices().matching("dev.berth.jenkins.(*)..")
      .should().beFreeOfCycles();
}
