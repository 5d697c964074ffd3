package dev.berth.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks on the produced {@code berth.hpi} without a Jenkins (JENKINS.md §5.3): manifests, layout, no shim or
 * provided classes packaged, a readable SezPoz index, and the javap allow-list of Jenkins signatures.
 */
class HpiStructureIT {

  /** The @Extension classes Berth registers; a missing or extra one fails (a typo'd annotation, a stray one). */
  static final Set<String> EXTENSIONS = new TreeSet<>(List.of(
      "dev.berth.jenkins.steps.BerthDetectStep$DescriptorImpl",
      "dev.berth.jenkins.steps.BerthDockerfileStep$DescriptorImpl",
      "dev.berth.jenkins.steps.BerthBuildStep$DescriptorImpl",
      "dev.berth.jenkins.steps.BerthDeployStep$DescriptorImpl",
      "dev.berth.jenkins.steps.BerthStatusStep$DescriptorImpl",
      "dev.berth.jenkins.actions.BerthDashboardAction",
      "dev.berth.jenkins.actions.BerthConfiguration"));

  /** The actions' views in berth.jar and the dashboard's static script in the .hpi (JENKINS.md §4.1-4.2). */
  static final List<String> VIEWS = List.of(
      "dev/berth/jenkins/actions/BerthBuildAction/summary.jelly",
      "dev/berth/jenkins/actions/BerthBuildAction/details.jelly",
      "dev/berth/jenkins/actions/BerthBuildAction/index.jelly",
      "dev/berth/jenkins/actions/BerthDashboardAction/index.jelly",
      "dev/berth/jenkins/actions/BerthConfiguration/config.jelly");

  /** WEB-INF/lib, pinned: a new runtime dependency is a reviewed change to this list. */
  static final Set<String> LIB = new TreeSet<>(List.of(
      "berth.jar",
      "asm",
      "auto-value-annotations",
      "bcpkix-jdk18on",
      "bcprov-jdk18on",
      "bcutil-jdk18on",
      "cluster-runtime-api",
      "cluster-runtime-deploy",
      "commons-codec",
      "commons-compress",
      "commons-io",
      "commons-lang3",
      "commons-logging",
      "docker-java-api",
      "docker-java-core",
      "docker-java-transport",
      "docker-java-transport-httpclient5",
      "google-auth-library-credentials",
      "google-auth-library-oauth2-http",
      "google-http-client",
      "google-http-client-apache-v2",
      "google-http-client-gson",
      "grpc-context",
      "gson",
      "httpclient",
      "httpclient5",
      "httpcore",
      "httpcore5",
      "httpcore5-h2",
      "image-builder",
      "j2objc-annotations",
      "jackson-annotations",
      "jackson-core",
      "jackson-databind",
      "jackson-dataformat-yaml",
      "jackson-datatype-jsr310",
      "jib-build-plan",
      "jib-core",
      "jna",
      "jsr305",
      "opencensus-api",
      "opencensus-contrib-http-util",
      // berthDeploy to Kubernetes: the fabric8 client on the JDK HTTP client, with its model.
      "kubernetes-client",
      "kubernetes-client-api",
      "kubernetes-httpclient-jdk",
      "kubernetes-model-admissionregistration",
      "kubernetes-model-apiextensions",
      "kubernetes-model-apps",
      "kubernetes-model-autoscaling",
      "kubernetes-model-batch",
      "kubernetes-model-certificates",
      "kubernetes-model-common",
      "kubernetes-model-coordination",
      "kubernetes-model-core",
      "kubernetes-model-discovery",
      "kubernetes-model-events",
      "kubernetes-model-extensions",
      "kubernetes-model-flowcontrol",
      "kubernetes-model-gatewayapi",
      "kubernetes-model-metrics",
      "kubernetes-model-networking",
      "kubernetes-model-node",
      "kubernetes-model-policy",
      "kubernetes-model-rbac",
      "kubernetes-model-resource",
      "kubernetes-model-scheduling",
      "kubernetes-model-storageclass",
      "slf4j-api",
      "snakeyaml",
      "snakeyaml-engine",
      "zjsonpatch"));

  /** Packages only Jenkins (core, Pipeline, Stapler, SezPoz, Guava) may provide at run time. */
  static final List<String> PROVIDED_PREFIXES =
      List.of("hudson/", "jenkins/", "org/jenkinsci/", "org/kohsuke/", "net/java/sezpoz/", "com/google/common/");

  /**
   * Jars the plugin must never carry: the master, the agent and their transport stay out of Jenkins. The builders
   * (docker-java, Jib) and the Kubernetes client come in with berthBuild's local modes and berthDeploy's target.
   */
  static final List<String> FORBIDDEN_JARS =
      List.of("kryonet", "kryo", "h2-mvstore", "picocli", "cluster-runtime-server");

  static final List<String> MANIFEST_KEYS = List.of(
      "Short-Name", "Long-Name", "Plugin-Version", "Jenkins-Version", "Hudson-Version", "Plugin-Dependencies");

  static Path hpi;
  static Path innerJar;

  @BeforeAll
  static void unpack() throws IOException {
    hpi = Path.of(System.getProperty("berth.hpi"));
    assertThat(hpi).as("run through `mvn verify`, which builds %s first", hpi).isRegularFile();
    innerJar = Files.createTempFile("berth", ".jar");
    innerJar.toFile().deleteOnExit();
    try (ZipFile zip = new ZipFile(hpi.toFile())) {
      ZipEntry jar = zip.getEntry("WEB-INF/lib/berth.jar");
      assertThat(jar).as("WEB-INF/lib/berth.jar in %s", hpi).isNotNull();
      try (InputStream in = zip.getInputStream(jar)) {
        Files.copy(in, innerJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void manifest_sameInHpiAndBerthJar_withThePluginAttributes() throws IOException {
    Attributes outer;
    try (JarFile jar = new JarFile(hpi.toFile())) {
      outer = jar.getManifest().getMainAttributes();
    }
    Attributes inner;
    try (JarFile jar = new JarFile(innerJar.toFile())) {
      inner = jar.getManifest().getMainAttributes();
    }
    assertThat(outer.getValue("Short-Name")).isEqualTo("berth");
    assertThat(outer.getValue("Long-Name")).isEqualTo("Berth");
    assertThat(outer.getValue("Plugin-Version")).isEqualTo(System.getProperty("berth.version"));
    assertThat(outer.getValue("Jenkins-Version")).isEqualTo("2.479.3");
    assertThat(outer.getValue("Hudson-Version")).isEqualTo("2.479.3");
    assertThat(outer.getValue("Plugin-Dependencies")).isEqualTo("workflow-step-api:678.v3ee58b_469476");
    for (String key : MANIFEST_KEYS) {
      assertThat(inner.getValue(key)).as("berth.jar manifest %s", key).isEqualTo(outer.getValue(key));
    }
  }

  @Test
  void layout_berthJarAndPinnedLibs_noWebInfClasses_indexJelly_stepResources() throws IOException {
    List<String> entries = entries(hpi);
    assertThat(entries).noneMatch(e -> e.startsWith("WEB-INF/classes/"));
    Set<String> libs = entries.stream()
        .filter(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"))
        .map(e -> e.substring("WEB-INF/lib/".length()))
        .map(n -> n.equals("berth.jar") ? n : n.replaceFirst("-\\d.*\\.jar$", ""))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(libs).isEqualTo(LIB);
    assertThat(libs).noneMatch(l -> FORBIDDEN_JARS.stream().anyMatch(l::startsWith));

    List<String> inner = entries(innerJar);
    assertThat(inner).contains("index.jelly");
    List<String> steps = inner.stream()
        .filter(e -> e.matches("dev/berth/jenkins/steps/Berth\\w+Step\\.class"))
        .map(e -> e.substring(0, e.length() - ".class".length()))
        .toList();
    assertThat(steps).hasSize((int) EXTENSIONS.stream().filter(e -> e.endsWith("Step$DescriptorImpl")).count());
    for (String step : steps) {
      assertThat(inner).contains(step + "/config.jelly", step + "/help.html");
    }
    assertThat(inner).contains("dev/berth/jenkins/steps/Messages.properties");
    assertThat(inner).containsAll(VIEWS);
    assertThat(entries).contains("js/dashboard.js");
  }

  @Test
  void bundledJars_holdNoShimOrProvidedClasses() throws IOException {
    try (ZipFile zip = new ZipFile(hpi.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (!e.getName().startsWith("WEB-INF/lib/")) {
          continue;
        }
        try (JarInputStream jar = new JarInputStream(zip.getInputStream(e))) {
          for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
            String name = inner.getName();
            assertThat(PROVIDED_PREFIXES)
                .as("%s in %s must come from Jenkins, not the plugin", name, e.getName())
                .noneMatch(p -> name.startsWith(p) && name.endsWith(".class"));
          }
        }
      }
    }
  }

  @Test
  void sezpozIndex_readsBackEveryExtension() throws Exception {
    // A loader over berth.jar, the shim and sezpoz only, as Jenkins' ExtensionFinder reads it; className() only.
    URL shim = hudson.Extension.class.getProtectionDomain().getCodeSource().getLocation();
    URL sezpoz = net.java.sezpoz.Index.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {innerJar.toUri().toURL(), shim, sezpoz}, ClassLoader.getPlatformClassLoader())) {
      Class<?> index = loader.loadClass("net.java.sezpoz.Index");
      Class<?> extension = loader.loadClass("hudson.Extension");
      Iterable<?> items = (Iterable<?>) index.getMethod("load", Class.class, Class.class, ClassLoader.class)
          .invoke(null, extension, Object.class, loader);
      Set<String> found = new TreeSet<>();
      for (Object item : items) {
        Method className = item.getClass().getMethod("className");
        found.add((String) className.invoke(item));
      }
      assertThat(found).isEqualTo(EXTENSIONS);
    }
  }

  @Test
  void annotations_berthAppliesHaveRuntimeRetention() {
    for (Class<?> a : List.of(
        hudson.Extension.class,
        org.kohsuke.stapler.DataBoundConstructor.class,
        org.kohsuke.stapler.DataBoundSetter.class)) {
      assertThat(a.getAnnotation(Retention.class).value()).as(a.getName()).isEqualTo(RetentionPolicy.RUNTIME);
    }
  }

  @Test
  void shimSignatures_matchTheCommittedJenkinsApiList() throws IOException {
    String actual = JenkinsApiList.ofShim(shimRoot());
    Path committed = Path.of(System.getProperty("berth.shim.api"));
    Path written = hpi.resolveSibling("jenkins-api.actual.txt");
    Files.writeString(written, actual);
    assertThat(actual)
        .as("javap of the shim differs from %s; review %s against the upstream sources named in each block",
            committed, written)
        .isEqualTo(Files.readString(committed));
  }

  @Test
  void berthJar_referencesOnlyJenkinsMembersOnTheList() throws IOException {
    JenkinsApiList api = JenkinsApiList.parse(Files.readString(Path.of(System.getProperty("berth.shim.api"))));
    List<String> problems = new ArrayList<>();
    List<String> classes = entries(innerJar).stream()
        .filter(e -> e.endsWith(".class"))
        .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
        .toList();
    String javap = javap("-c", "-p", "-cp", innerJar.toString(), classes);
    int references = api.checkReferences(javap, problems);
    assertThat(problems).isEmpty();
    assertThat(references).as("Jenkins references found in berth.jar").isPositive();
  }

  static Path shimRoot() {
    try {
      return Path.of(hudson.Extension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String javap(String a, String b, String c, String cp, List<String> classes) {
    List<String> args = new ArrayList<>(List.of(a, b, c, cp));
    args.addAll(classes);
    return JenkinsApiList.run(args);
  }

  static List<String> entries(Path zip) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      List<String> out = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        out.add(e.nextElement().getName());
      }
      return out;
    }
  }
}
