package dev.berth.imagebuilder.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.ImageBuilder;
import dev.berth.imagebuilder.api.DetectOptions;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.api.Detection;
import dev.berth.imagebuilder.report.DetectReportText;
import dev.berth.imagebuilder.testing.Samples;
import dev.berth.runtime.api.facts.FactLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus of DETECTION.md §4.2 through {@link ImageBuilder#detect}: outcomes, decisions and golden reports. */
class StackDetectionTest {

  @TempDir Path dir;

  private Detection detect(Function<Path, Path> sample) {
    return detect(sample, DetectOptions.none());
  }

  private Detection detect(Function<Path, Path> sample, DetectOptions options) {
    Detection d = ImageBuilder.detect(sample.apply(dir), options);
    if (d.report().outcome() == Outcome.OK) {
      for (DetectReport.Layer l : d.report().layers()) {
        for (String s : l.sources()) {
          assertThat(d.root().resolve(s)).as("layer " + l.name() + " source").exists();
        }
        assertThat(l.target()).startsWith("/");
      }
    }
    return d;
  }

  private static DetectReport ok(Detection d) {
    assertThat(d.report().outcome()).as(String.valueOf(d.report().error())).isEqualTo(Outcome.OK);
    return d.report();
  }

  @Test
  void l1_distJdk7_scriptTranslatedToExecFormOn17() throws Exception {
    try (Detection d = detect(Samples::l1DistJdk7)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-dist");
      assertThat(r.confidence()).isEqualTo(DetectReport.Confidence.HIGH);
      assertThat(r.jdk().floor()).isEqualTo(7);
      assertThat(r.jdk().runtime()).isEqualTo(17);
      assertThat(r.start().entrypoint()).containsExactly("java", "-Dlog.dir=/app/logs", "-Dhttp.port=8081", "-cp",
          "/app/conf:/app/lib/*", "com.acme.billing.Main");
      assertThat(r.flags().dropped()).extracting(DetectReport.Dropped::flag)
          .containsExactly("-XX:MaxPermSize=256m", "-XX:+UseConcMarkSweepGC");
      assertThat(r.flags().memory()).containsExactly("-Xms512m", "-Xmx1024m");
      assertThat(r.labels()).containsEntry(FactLabels.LEGACY_XMX, "1024m").containsEntry(FactLabels.JDK_FLOOR, "7");
      assertThat(r.writableDirs()).containsExactly("/app/logs");
      assertThat(r.warnings()).extracting(DetectReport.Warning::code)
          .contains("RUNTIME_ABOVE_FLOOR", "LOGS_NOT_ON_STDOUT", "FLAG_DROPPED");
      assertThat(r.start().removed()).contains("nohup", "& (background)", "pid file ../app.pid");
      assertThat(r.layers()).extracting(DetectReport.Layer::name)
          .containsExactly("dependencies", "snapshot-dependencies", "resources", "application");
      GoldenReports.check("l1-dist-jdk7", r);
    }
  }

  @Test
  void l1c_distZip_unpackedCopyDeletedOnClose() throws Exception {
    Path root;
    try (Detection d = detect(Samples::l1cDistZip)) {
      DetectReport r = ok(d);
      root = d.root();
      assertThat(r.stack()).isEqualTo("jvm-dist");
      assertThat(r.subtype()).isEqualTo("dist-zip");
      assertThat(r.jdk().floor()).isEqualTo(11);
      assertThat(r.labels()).containsEntry(FactLabels.LEGACY_XMX, "256m");
      assertThat(r.start().entrypoint()).containsExactly("java", "-Dhttp.port=8086", "-cp",
          "/app/lib/app-1.0.jar:/app/lib/guava-32.1.3-jre.jar", "com.acme.app.Main");
      assertThat(root).isDirectory();
    }
    assertThat(root).doesNotExist();
  }

  @Test
  void l1c_distTarGz_detectedLikeTheZip() {
    try (Detection d = detect(Samples::l1cDistTarGz)) {
      assertThat(ok(d).subtype()).isEqualTo("dist-zip");
      assertThat(d.report().jdk().floor()).isEqualTo(11);
    }
  }

  @Test
  void l1d_unresolvableSourcedFile_lowConfidenceNamingTheLine() {
    try (Detection d = detect(Samples::l1dSourcedByHost)) {
      DetectReport r = d.report();
      assertThat(r.outcome()).isEqualTo(Outcome.LOW_CONFIDENCE);
      assertThat(r.exitCode()).isEqualTo(7);
      assertThat(r.warnings()).anySatisfy(w -> {
        assertThat(w.code()).isEqualTo("SCRIPT_UNRESOLVED");
        assertThat(w.line()).isEqualTo(3);
        assertThat(w.message()).contains("setenv-$(hostname).sh");
      });
    }
    try (Detection d = detect(p -> Samples.l1dSourcedByHost(p.resolve("again")),
        DetectOptions.none().withFailOnLowConfidence(false))) {
      assertThat(d.report().outcome()).isEqualTo(Outcome.OK);
      assertThat(d.report().confidence()).isEqualTo(DetectReport.Confidence.LOW);
    }
  }

  @Test
  void l2_jarWithClassPath_thinJarLayersReleaseSnapshotApp() throws Exception {
    try (Detection d = detect(Samples::l2JarClasspath)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-jar");
      assertThat(r.subtype()).isEqualTo("thin");
      assertThat(r.start().entrypoint()).containsExactly("java", "-Dhttp.port=8082", "-jar", "/app/orders.jar");
      assertThat(r.labels()).containsEntry(FactLabels.LEGACY_XMX, "512m");
      GoldenReports.check("l2-jar-classpath", r);
    }
  }

  @Test
  void l2b_missingClassPathJar_incompleteNamingTheFile() {
    try (Detection d = detect(Samples::l2bMissingClassPath)) {
      assertThat(d.report().exitCode()).isEqualTo(8);
      assertThat(d.report().error().headline()).contains("lib/b-2.0-SNAPSHOT.jar");
    }
  }

  @Test
  void l3_agent_notACandidateButAnAgent() throws Exception {
    try (Detection d = detect(Samples::l3Agent)) {
      DetectReport r = ok(d);
      assertThat(r.artifact().path()).isEqualTo("orders-2.3.0.jar");
      assertThat(r.agents()).singleElement().satisfies(a -> {
        assertThat(a.path()).isEqualTo("/app/agents/newrelic.jar");
        assertThat(a.knownAs()).isEqualTo("newrelic");
        assertThat(a.premainClass()).isEqualTo("com.newrelic.bootstrap.BootstrapAgent");
      });
      assertThat(r.start().entrypoint()).noneMatch(a -> a.startsWith("-javaagent"));
      assertThat(r.labels()).containsEntry(FactLabels.JAVAAGENTS, "newrelic");
      assertThat(r.writableDirs()).containsExactly("/app/agents");
      GoldenReports.check("l3-agent", r);
    }
  }

  @Test
  void l4_warJavax_tomcat9() throws Exception {
    try (Detection d = detect(Samples::l4WarJavax)) {
      DetectReport r = ok(d);
      assertThat(r.server()).isEqualTo(new DetectReport.Server("tomcat", "9.0", "javax", "3.1", "/legacy-portal"));
      assertThat(r.start().entrypoint()).isEmpty();
      assertThat(r.layers()).singleElement().extracting(DetectReport.Layer::target)
          .isEqualTo("/usr/local/tomcat/webapps/legacy-portal.war");
      assertThat(r.warnings()).extracting(DetectReport.Warning::code).contains("JNDI_RESOURCE");
      GoldenReports.check("l4-war-javax", r);
    }
  }

  @Test
  void l4b_warJakarta_tomcat101() throws Exception {
    try (Detection d = detect(Samples::l4bWarJakarta)) {
      DetectReport r = ok(d);
      assertThat(r.server().line()).isEqualTo("10.1");
      assertThat(r.server().namespace()).isEqualTo("jakarta");
      assertThat(r.jdk().runtime()).isEqualTo(17);
      GoldenReports.check("l4b-war-jakarta", r);
    }
  }

  @Test
  void l4d_namespaceConflict_lowConfidence() {
    try (Detection d = detect(Samples::l4dNamespaceConflict)) {
      assertThat(d.report().exitCode()).isEqualTo(7);
      assertThat(d.report().warnings()).extracting(DetectReport.Warning::code).contains("NAMESPACE_CONFLICT");
    }
  }

  @Test
  void l4e_jbossDescriptor_unsupportedUnlessServerGiven() {
    try (Detection d = detect(Samples::l4eJbossDescriptor)) {
      assertThat(d.report().exitCode()).isEqualTo(5);
      assertThat(d.report().error().fix()).contains("server: tomcat9");
    }
    try (Detection d = detect(p -> Samples.l4eJbossDescriptor(p.resolve("b")),
        DetectOptions.none().withServer("tomcat9"))) {
      assertThat(ok(d).warnings()).extracting(DetectReport.Warning::code).contains("VENDOR_DESCRIPTOR_IGNORED");
    }
  }

  @Test
  void b1_boot15_healthWithoutActuatorPrefix() {
    try (Detection d = detect(Samples::b1Boot15)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-boot");
      assertThat(r.jdk().floor()).isEqualTo(8);
      assertThat(r.port()).isEqualTo(9090);
      assertThat(r.health()).isEqualTo("http:9090/health");
    }
  }

  @Test
  void b2_boot27_floorFromAppClassesNotLoader_layersFromIndex() throws Exception {
    try (Detection d = detect(Samples::b2Boot27)) {
      DetectReport r = ok(d);
      assertThat(r.jdk().floor()).isEqualTo(17);
      assertThat(r.jdk().libraryFloor()).isEqualTo(8);
      assertThat(r.port()).isEqualTo(8085);
      assertThat(r.start().entrypoint()).containsExactly("java", "-cp", "/app",
          "org.springframework.boot.loader.JarLauncher");
      assertThat(r.layers()).extracting(DetectReport.Layer::name).startsWith("dependencies", "spring-boot-loader",
          "snapshot-dependencies", "application");
      assertThat(d.root()).isNotEqualTo(dir);
      GoldenReports.check("b2-boot27", r);
    }
  }

  @Test
  void b3_boot32_launcherCopiedFromTheManifest() {
    try (Detection d = detect(Samples::b3Boot32)) {
      assertThat(ok(d).start().entrypoint()).containsExactly("java", "-cp", "/app",
          "org.springframework.boot.loader.launch.JarLauncher");
      assertThat(d.report().jdk().floor()).isEqualTo(17);
    }
  }

  @Test
  void b5_launchScriptPrefix_readThroughTheCentralDirectory() {
    try (Detection d = detect(Samples::b5BootLaunchScript)) {
      assertThat(ok(d).stack()).isEqualTo("jvm-boot");
      assertThat(d.report().jdk().floor()).isEqualTo(17);
    }
  }

  @Test
  void a1_twoRunnableJars_ambiguousWithTheSection29Text() {
    try (Detection d = detect(Samples::a1Ambiguous)) {
      DetectReport r = d.report();
      assertThat(r.exitCode()).isEqualTo(4);
      assertThat(r.candidates()).extracting(DetectReport.Candidate::path)
          .containsExactly("target/app-1.0.jar", "target/tool-1.0.jar");
      String text = DetectReportText.error(r, ".berth/detect-report.json");
      assertThat(text).startsWith("ERROR [AMBIGUOUS] 2 runnable archives in target/ (exit 4)\n")
          .contains("  Looked for:  runnable archives in ., target/, build/libs/")
          .contains("excluded by name: target/app-1.0-plain.jar, target/app-1.0-sources.jar,"
              + " target/original-app-1.0.jar")
          .contains("  Fix:         berth.yaml `artifact: target/app-1.0.jar`");
    }
    try (Detection d = detect(p -> Samples.a1Ambiguous(p.resolve("o")),
        DetectOptions.none().withArtifact("target/tool-1.0.jar"))) {
      assertThat(ok(d).start().entrypoint()).containsExactly("java", "-jar", "/app/target/tool-1.0.jar");
    }
  }

  @Test
  void a2_singleJar_chosen() throws Exception {
    try (Detection d = detect(Samples::a2SingleJar)) {
      DetectReport r = ok(d);
      assertThat(r.artifact().path()).isEqualTo("target/app-1.0.0.jar");
      assertThat(r.start().entrypoint()).containsExactly("java", "-jar", "/app/target/app-1.0.0.jar");
      assertThat(r.warnings()).extracting(DetectReport.Warning::code).contains("NO_PORT");
      GoldenReports.check("a2-single-jar", r);
    }
  }

  @Test
  void g1_gradleWithoutWrapper_plainJarExcluded() {
    try (Detection d = detect(Samples::g1Gradle)) {
      DetectReport r = ok(d);
      assertThat(r.artifact().path()).isEqualTo("build/libs/app-0.1.jar");
      assertThat(r.artifact().excluded()).containsExactly("build/libs/app-0.1-plain.jar");
      assertThat(r.jdk().floor()).isEqualTo(17);
      assertThat(r.jdk().hints()).anySatisfy(h -> {
        assertThat(h.source()).isEqualTo("build.gradle.kts toolchain");
        assertThat(h.agrees()).isTrue();
      });
    }
  }

  @Test
  void m1_multimodule_ambiguousThenModuleChoosesBoot() {
    try (Detection d = detect(Samples::m1Multimodule)) {
      assertThat(d.report().exitCode()).isEqualTo(4);
      assertThat(d.report().error().found()).anyMatch(f -> f.startsWith("batch/target/batch-2.7.18.jar"))
          .anyMatch(f -> f.startsWith("web/target/web-2.7.18.jar"));
      assertThat(d.report().error().fix()).contains("module: ");
    }
    try (Detection d = detect(p -> Samples.m1Multimodule(p.resolve("o")), DetectOptions.none().withModule("web"))) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-boot");
      assertThat(r.jdk().floor()).isEqualTo(11);
      assertThat(r.jdk().hints()).anySatisfy(h -> {
        assertThat(h.source()).isEqualTo("pom.xml maven.compiler.release");
        assertThat(h.agrees()).isTrue();
      });
    }
  }

  @Test
  void m2_notBuilt_incomplete() {
    try (Detection d = detect(Samples::m2NotBuilt)) {
      assertThat(d.report().exitCode()).isEqualTo(8);
      assertThat(d.report().error().headline()).contains("not built");
      assertThat(d.report().error().fix()).contains("mvn -B package");
    }
  }

  @Test
  void e1_ear_unsupported() {
    try (Detection d = detect(Samples::e1Ear)) {
      assertThat(d.report().exitCode()).isEqualTo(5);
    }
  }

  @Test
  void u1_unknown_nearMissOnlyWindowsScripts() {
    try (Detection d = detect(Samples::u1Unknown)) {
      assertThat(d.report().exitCode()).isEqualTo(3);
      assertThat(d.report().nearMisses()).anySatisfy(n -> assertThat(n.why()).contains("only Windows scripts"));
    }
  }

  @Test
  void corruptJar_incompleteInputNotAStackTrace() {
    try (Detection d = detect(Samples::corruptJar)) {
      assertThat(d.report().exitCode()).isEqualTo(8);
      assertThat(d.report().error().found().get(0)).contains("corrupt or truncated");
    }
  }

  @Test
  void overrides_jdkBelowFloorAndContradictedStackAreInvalid() {
    try (Detection d = detect(Samples::b2Boot27, DetectOptions.none().withJdk(8))) {
      assertThat(d.report().exitCode()).isEqualTo(6);
      assertThat(d.report().error().headline()).contains("below the bytecode floor 17");
    }
    try (Detection d = detect(p -> Samples.l4WarJavax(p.resolve("o")), DetectOptions.none().withStack("node"))) {
      assertThat(d.report().exitCode()).isEqualTo(6);
    }
    try (Detection d = detect(p -> Samples.l4WarJavax(p.resolve("x")), DetectOptions.none().withStack("cobol"))) {
      assertThat(d.report().exitCode()).isEqualTo(6);
    }
  }

  @Test
  void n1_node() throws Exception {
    try (Detection d = detect(Samples::n1Node)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("node");
      assertThat(r.confidence()).isEqualTo(DetectReport.Confidence.MEDIUM);
      assertThat(r.start().entrypoint()).containsExactly("node", "server.js");
      assertThat(r.port()).isEqualTo(3000);
      assertThat(r.subtype()).isEqualTo("npm");
      assertThat(r.decisions().get("runtime").value()).isEqualTo("node 18");
      GoldenReports.check("n1-node", r);
    }
  }

  @Test
  void p1_python_gunicornWithoutSetupPy() throws Exception {
    try (Detection d = detect(Samples::p1Python)) {
      DetectReport r = ok(d);
      assertThat(r.start().entrypoint()).containsExactly("gunicorn", "--bind", "0.0.0.0:8000", "app:app");
      assertThat(r.health()).isEqualTo("http:8000/");
      GoldenReports.check("p1-python", r);
    }
  }

  @Test
  void o1_go_and_o2_twoMainsAmbiguous() throws Exception {
    try (Detection d = detect(Samples::o1Go)) {
      DetectReport r = ok(d);
      assertThat(r.start().entrypoint()).containsExactly("/app/hello");
      GoldenReports.check("o1-go", r);
    }
    try (Detection d = detect(Samples::o2GoTwoMains)) {
      assertThat(d.report().exitCode()).isEqualTo(4);
      assertThat(d.report().candidates()).extracting(DetectReport.Candidate::path)
          .containsExactly("./cmd/api", "./cmd/worker");
    }
  }

  @Test
  void s1_static() throws Exception {
    try (Detection d = detect(Samples::s1Static)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("static");
      assertThat(r.layers()).singleElement().satisfies(l -> {
        assertThat(l.sources()).containsExactly("assets", "index.html");
        assertThat(l.target()).isEqualTo("/www/");
      });
      GoldenReports.check("s1-static", r);
    }
  }

  @Test
  void missingInput_usage() {
    Detection d = ImageBuilder.detect(dir.resolve("nothing-here"), DetectOptions.none());
    assertThat(d.report().exitCode()).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("nothing-here"))).isFalse();
    assertThat(List.of(d.report().error().fix())).isNotEmpty();
  }

  @Test
  void b4_boot13_rootLibRunsAsJar() {
    try (Detection d = detect(Samples::b4Boot13)) {
      DetectReport r = ok(d);
      assertThat(r.subtype()).isEqualTo("boot1-root-lib");
      assertThat(r.start().entrypoint()).containsExactly("java", "-jar", "/app/shop-1.3.8.jar");
      assertThat(d.root()).isEqualTo(dir.resolve("b4-boot13"));
    }
  }

  @Test
  void b6_bootWar_runnableAndAlsoDeployable() {
    try (Detection d = detect(Samples::b6BootWar)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-boot");
      assertThat(r.start().entrypoint()).containsExactly("java", "-jar", "/app/portal-2.7.18.war");
      assertThat(r.warnings()).extracting(DetectReport.Warning::code).contains("ALSO_DEPLOYABLE");
    }
    try (Detection d = detect(p -> Samples.b6BootWar(p.resolve("s")), DetectOptions.none().withServer("tomcat9"))) {
      assertThat(ok(d).stack()).isEqualTo("jvm-war");
    }
  }

  @Test
  void j1_multiReleaseAndModuleInfo_doNotRaiseTheFloor() {
    try (Detection d = detect(Samples::j1MultiRelease)) {
      assertThat(ok(d).jdk().floor()).isEqualTo(8);
    }
  }

  @Test
  void j2_patchedMajors_runtimeFromTheCatalogOrUnsupported() {
    try (Detection d = detect(p -> Samples.j2PatchedMajor(p, 65))) {
      assertThat(ok(d).jdk().floor()).isEqualTo(21);
      assertThat(d.report().jdk().runtime()).isEqualTo(25);
    }
    try (Detection d = detect(p -> Samples.j2PatchedMajor(p, 69))) {
      assertThat(ok(d).jdk().runtime()).isEqualTo(25);
    }
    try (Detection d = detect(p -> Samples.j2PatchedMajor(p, 70))) {
      assertThat(d.report().exitCode()).isEqualTo(5);
      assertThat(d.report().error().headline()).contains("needs Java 26");
    }
  }

  @Test
  void j3_libraryFloorAboveAppFloor_bothReported() {
    try (Detection d = detect(Samples::j3LibraryFloor)) {
      DetectReport r = ok(d);
      assertThat(r.subtype()).isEqualTo("libdir");
      assertThat(r.jdk().appFloor()).isEqualTo(8);
      assertThat(r.jdk().libraryFloor()).isEqualTo(11);
      assertThat(r.jdk().floor()).isEqualTo(11);
      assertThat(r.start().entrypoint()).containsExactly("java", "-cp", "/app/app-1.0.jar:/app/lib/*",
          "com.acme.App");
    }
  }

  @Test
  void l4c_noWebXml_javaxFromClassesMedium() {
    try (Detection d = detect(Samples::l4cNoWebXml)) {
      DetectReport r = ok(d);
      assertThat(r.server().namespace()).isEqualTo("javax");
      assertThat(r.decisions().get("server").confidence()).isEqualTo(DetectReport.Confidence.MEDIUM);
    }
  }

  @Test
  void g2_sourceCompatibility18_isJdk8() {
    try (Detection d = detect(Samples::g2GradleJava8)) {
      DetectReport r = ok(d);
      assertThat(r.jdk().floor()).isEqualTo(8);
      assertThat(r.jdk().hints()).anySatisfy(h -> {
        assertThat(h.value()).isEqualTo("1.8");
        assertThat(h.agrees()).isTrue();
      });
    }
  }

  @Test
  void n2_viteBuildOnly_staticViaNodeStage() {
    try (Detection d = detect(Samples::n2Vite)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("static");
      assertThat(r.subtype()).isEqualTo("node-build");
      assertThat(r.artifact().path()).isEqualTo("dist");
    }
  }

  @Test
  void p2_django() {
    try (Detection d = detect(Samples::p2Django)) {
      DetectReport r = ok(d);
      assertThat(r.subtype()).isEqualTo("django");
      assertThat(r.start().entrypoint()).containsExactly("gunicorn", "--bind", "0.0.0.0:8000",
          "site.wsgi:application");
    }
  }

  @Test
  void l1b_forLoopClasspath_sameEntrypointAsL1_javaOptsWarning() {
    try (Detection d = detect(Samples::l1bForLoop)) {
      DetectReport r = ok(d);
      assertThat(r.start().entrypoint()).containsExactly("java", "-Dlog.dir=/app/logs", "-Dhttp.port=8081", "-cp",
          "/app/conf:/app/lib/*", "com.acme.billing.Main");
      assertThat(r.warnings()).anySatisfy(w -> {
        assertThat(w.code()).isEqualTo("UNSET_VARIABLE");
        assertThat(w.message()).startsWith("$JAVA_OPTS");
      });
    }
  }

  @Test
  void explodedWar_deployedAsAFolder() {
    try (Detection d = detect(Samples::explodedWar)) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("jvm-war");
      assertThat(r.server().contextPath()).isEqualTo("/legacy-portal");
      assertThat(r.layers()).allSatisfy(l -> assertThat(l.target())
          .isEqualTo("/usr/local/tomcat/webapps/legacy-portal/"));
    }
  }

  @Test
  void x1_bootJarBeatsTheBuildTimePackageJson() {
    try (Detection d = detect(Samples::x1BootWithFrontend)) {
      assertThat(ok(d).stack()).isEqualTo("jvm-boot");
    }
  }

  @Test
  void n3_twoStartableWorkspaceApps_ambiguous() {
    try (Detection d = detect(Samples::n3PnpmWorkspace)) {
      assertThat(d.report().exitCode()).isEqualTo(4);
      assertThat(d.report().candidates()).extracting(DetectReport.Candidate::path)
          .containsExactly("apps/api", "apps/web");
      assertThat(d.report().error().fix()).contains("module: apps/api");
    }
    try (Detection d = detect(p -> Samples.n3PnpmWorkspace(p.resolve("m")),
        DetectOptions.none().withModule("apps/api"))) {
      DetectReport r = ok(d);
      assertThat(r.stack()).isEqualTo("node");
      assertThat(d.root()).endsWith(Path.of("apps/api"));
    }
  }

  @Test
  void berthYaml_overridesUnderTheCli_badTypeInvalid() throws Exception {
    Path a1 = Samples.a1Ambiguous(dir.resolve("y"));
    Files.writeString(a1.resolve("berth.yaml"), "artifact: target/tool-1.0.jar\n");
    try (Detection d = ImageBuilder.detect(a1, DetectOptions.none())) {
      DetectReport r = ok(d);
      assertThat(r.artifact().path()).isEqualTo("target/tool-1.0.jar");
      assertThat(r.overrides()).anySatisfy(o -> {
        assertThat(o.source()).isEqualTo("berth.yaml");
        assertThat(o.accepted()).isTrue();
      });
    }
    try (Detection d = ImageBuilder.detect(a1, DetectOptions.none().withArtifact("target/app-1.0.jar"))) {
      assertThat(ok(d).artifact().path()).isEqualTo("target/app-1.0.jar");
    }
    Files.writeString(a1.resolve("berth.yaml"), "jdk: seventeen\n");
    try (Detection d = ImageBuilder.detect(a1, DetectOptions.none())) {
      assertThat(d.report().exitCode()).isEqualTo(6);
    }
    Path l1d = Samples.l1dSourcedByHost(dir.resolve("z"));
    Files.writeString(l1d.resolve("berth.yaml"), "failOnLowConfidence: false\n");
    try (Detection d = ImageBuilder.detect(l1d, DetectOptions.none())) {
      assertThat(d.report().outcome()).isEqualTo(Outcome.OK);
    }
  }
}
