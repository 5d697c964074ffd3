package dev.berth.imagebuilder.base;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Berth's recipe for each catalog id; the one place that says how each offline base is made. */
final class BaseRecipes {

  static final Path JDK_17 = jdk("BERTH_JDK17_HOME", "/usr/lib/jvm/java-17-openjdk-amd64");
  static final Path JDK_25 = jdk("BERTH_JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");

  private BaseRecipes() {}

  static Map<String, BaseRecipe> standard(Path state) {
    Map<String, BaseRecipe> r = new LinkedHashMap<>();
    r.put("jre-17", new JlinkJreRecipe(new JlinkRuntime(JDK_17, JlinkJreRecipe.JAVA_SE_MODULES)));
    r.put("jre-25", new JlinkJreRecipe(new JlinkRuntime(JDK_25, JlinkJreRecipe.JAVA_SE_MODULES)));
    r.put("tomcat-9.0", tomcat("9.0.98"));
    r.put("tomcat-10.1", tomcat("10.1.49"));
    r.put("jre-17-shell", debianJre());
    r.put("node-18", node());
    r.put("python-3.11", python());
    r.put("go-build", golang());
    r.put("go-run", debian());
    r.put("static", new BusyboxStaticRecipe());
    return r;
  }

  private static TomcatRecipe tomcat(String version) {
    return new TomcatRecipe(
        new JlinkRuntime(JDK_17, JlinkJreRecipe.JAVA_SE_MODULES),
        new TomcatDistribution(version, TomcatDistribution.CENTRAL));
  }

  /** openjdk-17-jre-headless, with JAVA_HOME at /opt/java/openjdk as in the public Temurin images. */
  private static DebianRootRecipe debianJre() {
    String jvm = "/usr/lib/jvm/java-17-openjdk-amd64";
    return new DebianRootRecipe(
        "jre-17-debian",
        "essential",
        List.of("openjdk-17-jre-headless"),
        List.of("mkdir -p \"$root/opt/java\"", "ln -sfn " + jvm + " \"$root" + ScratchJreRoot.JAVA_HOME + "\""),
        config(ScratchJreRoot.env(), List.of("java", "-version"), null, List.of()),
        VersionProbes.jdkRelease(jvm.substring(1) + "/release"),
        ScratchJreRoot.javaVersion());
  }

  /** Debian's Node.js 18 and npm. */
  private static DebianRootRecipe node() {
    return new DebianRootRecipe(
        "node-18-debian",
        "essential",
        List.of("nodejs", "npm", "ca-certificates"),
        List.of(),
        config(debianEnv(), List.of("node"), null, List.of()),
        VersionProbes.dpkg("nodejs"),
        List.of("node", "--version"));
  }

  /** Debian's Python 3.11 with Flask and gunicorn (PyPI is out of reach), venv and pip, python on PATH. */
  private static DebianRootRecipe python() {
    return new DebianRootRecipe(
        "python-3.11-debian",
        "essential",
        List.of(
            "python3", "python-is-python3", "python3-venv", "python3-pip", "python3-flask", "gunicorn",
            "ca-certificates"),
        List.of(),
        config(debianEnv(), List.of("python3"), null, List.of()),
        VersionProbes.dpkg("python3.11"),
        List.of("python3", "-c", "import sys, flask, gunicorn; print(sys.version)"));
  }

  /** Debian's Go 1.19 toolchain, GOPATH=/go as in the public golang images. */
  private static DebianRootRecipe golang() {
    Map<String, String> env = debianEnv();
    env.put("GOPATH", "/go");
    env.put("PATH", "/go/bin:/usr/lib/go-1.19/bin:" + env.get("PATH"));
    return new DebianRootRecipe(
        "golang-1.19-debian",
        "essential",
        List.of("golang-go", "ca-certificates"),
        List.of("mkdir -p \"$root/go/bin\" \"$root/go/src\"", "chown -R 10001:0 \"$root/go\"",
            "chmod -R 0775 \"$root/go\""),
        config(env, List.of("go", "version"), null, List.of()),
        VersionProbes.dpkg("golang-1.19-go"),
        List.of("go", "version"));
  }

  /** A plain Debian 12 root for compiled programs: CA certificates and time zones. */
  private static DebianRootRecipe debian() {
    return new DebianRootRecipe(
        "debian-12",
        "essential",
        List.of("ca-certificates", "tzdata"),
        List.of(),
        config(debianEnv(), List.of("bash"), null, List.of()),
        VersionProbes.debianRelease(),
        List.of("cat", "/etc/debian_version"));
  }

  private static Map<String, String> debianEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  private static ImageConfig config(Map<String, String> env, List<String> cmd, String user, List<Integer> ports) {
    return new ImageConfig(env, Passwd.APP_HOME, user, cmd, ports, Map.of());
  }

  private static Path jdk(String env, String fallback) {
    String value = System.getenv(env);
    return Path.of(value == null || value.isBlank() ? fallback : value);
  }
}
