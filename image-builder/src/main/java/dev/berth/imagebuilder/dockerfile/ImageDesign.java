package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.dockerfile.BuildContextWriter.ContextLayer;
import dev.berth.imagebuilder.api.ImagePlan;
import dev.berth.runtime.api.facts.FactLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything one image is made of, worked out once from the detect report for both the Dockerfile's template
 * variables and the daemonless {@link ImagePlan}: layers, writable folders, port, health check, labels, env, start.
 */
final class ImageDesign {

  static final String OWNER = DockerfileRenderer.OWNER;
  static final String PROBE_TARGET = "/berth/probe/";

  /**
   * The line below which a Berth Dockerfile holds only the app's own layers; {@code berth build} on an engine
   * builds what is above it once and reuses it while those lines and the files they copy stay the same.
   */
  public static final String CACHE_MARKER =
      "# berth:cache-above  (berth build reuses the image up to here while these lines and their files are unchanged)";

  private static final java.util.Set<String> STABLE_LAYERS = java.util.Set.of("dependencies", "spring-boot-loader");
  static final String CATALINA_HOME = "/usr/local/tomcat";
  static final String HEALTHCHECK_TIMING = "--interval=30s --timeout=10s --start-period=60s --retries=3";

  private static final Pattern HEALTH = Pattern.compile("^(http|tcp):(\\d+)(/.*)?$");
  private static final Pattern VERSIONED_NAME = Pattern.compile("^(.+?)-(\\d[\\w.]*?(?:-SNAPSHOT)?)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TemplateShape shape;
  private final DetectReport report;
  private final BaseImage base;
  private final String baseImage;
  private final List<ContextLayer> layers = new ArrayList<>();
  private final List<ContextLayer> writable = new ArrayList<>();
  private ContextLayer probe;
  private boolean runsCommands;
  private String install = "";

  ImageDesign(TemplateShape shape, DetectReport report, BaseImage base, String baseImage) {
    this.shape = shape;
    this.report = report;
    this.base = base;
    this.baseImage = baseImage;
  }

  void writeLayers(BuildContextWriter context) throws DockerfileException, IOException {
    if (report.layers().isEmpty()) {
      throw new DockerfileException(
          "the detect report lists no layers, so there is nothing to copy into the image; run berth detect"
              + " again and check its layers");
    }
    // Report layers of one name in a row (one layers.idx layer split by target) become one COPY.
    List<DetectReport.Layer> run = new ArrayList<>();
    for (DetectReport.Layer l : report.layers()) {
      String target = l.target();
      if (shape.buildStage() && target != null) {
        target = target.replaceFirst("^/(app|www)(?=/|$)", "/src"); // sources go to the build stage
      }
      if (!run.isEmpty() && !run.get(0).name().equals(l.name())) {
        layers.add(context.addLayers(run.get(0).name(), run));
        run = new ArrayList<>();
      }
      run.add(new DetectReport.Layer(l.name(), l.sources(), target));
    }
    layers.add(context.addLayers(run.get(0).name(), run));
    Map<String, List<String>> byParent = new TreeMap<>();
    for (String dir : writableDirs()) {
      String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
      int slash = d.lastIndexOf('/');
      byParent.computeIfAbsent(slash <= 0 ? "/" : d.substring(0, slash), k -> new ArrayList<>())
          .add(d.substring(slash + 1));
    }
    for (Map.Entry<String, List<String>> e : byParent.entrySet()) {
      writable.add(context.addEmptyDirs("writable", e.getKey(), e.getValue()));
    }
    if (shape.jvm() && probeTarget() != null) {
      probe = context.addResource("berth-probe", "/berth-probe/BerthProbe.class", "BerthProbe.class",
          PROBE_TARGET);
    }
  }

  /** Directories the app writes to, absolute in the image. */
  List<String> writableDirs() {
    List<String> dirs = new ArrayList<>();
    for (String d : report.writableDirs()) {
      dirs.add(d.startsWith("/") ? d : workdir() + "/" + d);
    }
    if (shape == TemplateShape.JVM_WAR) {
      // Public Tomcat images keep these root-owned; Tomcat unpacks WARs and writes logs there.
      for (String d : List.of("logs", "temp", "webapps", "work")) {
        if (!dirs.contains(CATALINA_HOME + "/" + d)) {
          dirs.add(CATALINA_HOME + "/" + d);
        }
      }
    }
    return dirs;
  }

  String workdir() {
    return switch (shape) {
      case JVM_WAR -> CATALINA_HOME;
      case STATIC, STATIC_NODE_BUILD -> "/www";
      default -> report.start() != null && report.start().workdir() != null
          && report.start().workdir().startsWith("/") ? report.start().workdir() : "/app";
    };
  }

  Integer port() {
    if (shape.staticSite()) {
      return 8080; // the static template's httpd listens there
    }
    if (report.port() != null) {
      return report.port();
    }
    return shape == TemplateShape.JVM_WAR ? 8080 : null;
  }

  String health() {
    if (shape.staticSite()) {
      return "http:8080/";
    }
    if (report.health() != null) {
      return report.health();
    }
    return port() == null ? null : "tcp:" + port();
  }

  /** {@code http://127.0.0.1:<port><path>} or {@code tcp://127.0.0.1:<port>}, or null when unknown. */
  String probeTarget() {
    String h = health();
    Matcher m = h == null ? null : HEALTH.matcher(h);
    if (m == null || !m.matches()) {
      return null;
    }
    return m.group(1).equals("http")
        ? "http://127.0.0.1:" + m.group(2) + (m.group(3) == null ? "/" : m.group(3))
        : "tcp://127.0.0.1:" + m.group(2);
  }

  List<String> entrypoint() {
    if (shape == TemplateShape.GO) {
      return List.of("/app/" + goBinary());
    }
    return report.start() == null ? List.of() : report.start().entrypoint();
  }

  List<String> cmd() {
    return shape.staticSite()
        ? List.of("busybox", "httpd", "-f", "-v", "-p", "8080", "-h", "/www")
        : List.of();
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    if (shape.jvm()) {
      StringBuilder opts = new StringBuilder("-XX:+ExitOnOutOfMemoryError");
      for (DetectReport.Agent a : report.agents()) {
        String path = a.path().startsWith("/") ? a.path() : workdirOfApp() + "/" + a.path();
        opts.append(" -javaagent:").append(path);
        if (a.options() != null && !a.options().isEmpty()) {
          opts.append('=').append(a.options());
        }
      }
      env.put("JAVA_TOOL_OPTIONS", opts.toString());
    } else if (shape == TemplateShape.NODE) {
      env.put("NODE_ENV", "production");
    } else if (shape == TemplateShape.PYTHON) {
      env.put("PYTHONUNBUFFERED", "1");
    }
    return env;
  }

  private String workdirOfApp() {
    return shape == TemplateShape.JVM_WAR ? "/app" : workdir();
  }

  /** The health check as exec-form arguments, or empty when the image has no way to run one. */
  List<String> healthcheck() {
    String target = probeTarget();
    if (target == null || !agentsAbsent()) {
      return List.of();
    }
    int port = port();
    boolean http = target.startsWith("http:");
    return switch (shape) {
      case NODE -> List.of("node", "-e", http
          ? "require('http').get('" + target + "',r=>process.exit(r.statusCode<400?0:1))"
              + ".on('error',()=>process.exit(1))"
          : "require('net').connect(" + port + ",'127.0.0.1',()=>process.exit(0))"
              + ".on('error',()=>process.exit(1))");
      case PYTHON -> List.of("python3", "-c", http
          ? "import urllib.request; urllib.request.urlopen('" + target + "', timeout=5)"
          : "import socket; socket.create_connection(('127.0.0.1', " + port + "), 5)");
      case GO -> List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port);
      case STATIC, STATIC_NODE_BUILD -> List.of("busybox", "wget", "-q", "-O", "/dev/null", target);
      default -> List.of("java", "-Xms8m", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp",
          PROBE_TARGET.substring(0, PROBE_TARGET.length() - 1), "BerthProbe", target);
    };
  }

  private boolean agentsAbsent() {
    return !shape.jvm() || report.agents().isEmpty();
  }

  String healthcheckBlock() {
    List<String> cmd = healthcheck();
    if (!cmd.isEmpty()) {
      String why = switch (shape) {
        case GO -> "# The run base has bash but no curl: the check is that the port accepts connections.\n";
        case NODE, PYTHON, STATIC, STATIC_NODE_BUILD -> "";
        default -> "# Shell-less JVM bases have no curl: Berth's probe class (java.base only) checks "
            + probeTarget() + ";\n# its small heap flags override the runtime's JAVA_TOOL_OPTIONS sizing.\n";
      };
      return why + "HEALTHCHECK " + HEALTHCHECK_TIMING + " \\\n  CMD " + DockerfileSyntax.execForm(cmd);
    }
    if (probeTarget() == null) {
      return "# No HEALTHCHECK: the app has no port Berth knows of, so there is nothing to probe.";
    }
    return "# No HEALTHCHECK: a probe JVM would also start the javaagents in JAVA_TOOL_OPTIONS; the runtime"
        + "\n# checks " + health() + " from outside (label dev.berth.health).";
  }

  Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    String[] nameVersion = titleAndVersion();
    labels.put("org.opencontainers.image.title", nameVersion[0]);
    if (nameVersion[1] != null) {
      labels.put("org.opencontainers.image.version", nameVersion[1]);
    }
    labels.put("org.opencontainers.image.base.name", baseImage);
    labels.put(FactLabels.STACK, report.stack());
    if (shape.jvm()) {
      if (report.jdk() != null && report.jdk().floor() != null) {
        labels.put(FactLabels.JDK_FLOOR, report.jdk().floor().toString());
      }
      if (base.jdk() != null) {
        labels.put(FactLabels.JDK_RUNTIME, base.jdk().toString());
      }
      copy(labels, FactLabels.CLASSES);
      copy(labels, FactLabels.THREADS);
      List<String> agents = report.agents().stream()
          .map(a -> a.knownAs() != null ? a.knownAs() : Path.of(a.path()).getFileName().toString())
          .toList();
      if (!agents.isEmpty()) {
        labels.put(FactLabels.JAVAAGENTS, String.join(",", agents));
      }
      String xmx = legacyXmx();
      if (xmx != null) {
        labels.put(FactLabels.LEGACY_XMX, xmx);
      }
    }
    if (port() != null) {
      labels.put(FactLabels.PORT, port().toString());
    }
    if (health() != null) {
      labels.put(FactLabels.HEALTH, health());
    }
    List<String> dirs = writableDirs();
    if (!dirs.isEmpty()) {
      labels.put(FactLabels.WRITABLE, String.join(",", dirs));
    }
    // Detection's own labels (class and thread estimates, …) win over what is derived here.
    new TreeMap<>(report.labels()).forEach(labels::put);
    return labels;
  }

  private void copy(Map<String, String> labels, String key) {
    String v = report.labels().get(key);
    if (v != null) {
      labels.put(key, v);
    }
  }

  private String legacyXmx() {
    if (report.flags() == null) {
      return null;
    }
    for (String f : report.flags().memory()) {
      if (f.startsWith("-Xmx")) {
        return f.substring(4);
      }
    }
    return null;
  }

  private String[] titleAndVersion() {
    String title = report.labels().get("org.opencontainers.image.title");
    String version = report.labels().get("org.opencontainers.image.version");
    if (title != null) {
      return new String[] {title, version};
    }
    String path = report.artifact() == null ? null : report.artifact().path();
    String name = path == null || path.isBlank() || path.equals(".")
        ? report.stack() : Path.of(path).getFileName().toString();
    name = name.replaceFirst("\\.(jar|war|zip|tar\\.gz|tgz|tar)$", "");
    Matcher m = VERSIONED_NAME.matcher(name);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {name, version};
  }

  String goBinary() {
    List<String> ep = report.start() == null ? List.of() : report.start().entrypoint();
    if (!ep.isEmpty()) {
      String first = ep.get(0);
      return first.substring(first.lastIndexOf('/') + 1);
    }
    return "app";
  }

  /** The folder the npm build writes the site to: the report's artifact folder, else Vite's {@code dist}. */
  String buildOutput() {
    String path = report.artifact() == null ? null : report.artifact().path();
    if (path == null || path.isBlank() || path.equals(".") || path.contains("*") || path.endsWith(".json")
        || path.endsWith(".html")) {
      return "dist";
    }
    return path.replaceFirst("^\\./", "").replaceFirst("/$", "");
  }

  String goMainPackage() {
    String path = report.artifact() == null ? null : report.artifact().path();
    if (path == null || path.isBlank() || path.equals(".") || path.endsWith(".go") || path.endsWith("go.mod")) {
      return ".";
    }
    return path.startsWith("./") ? path : "./" + path;
  }

  /** Whether the Dockerfile runs commands (RUN, build stages), which only an engine can do. */
  boolean runsCommands() {
    return runsCommands;
  }

  Map<String, String> variables(BaseImage buildBase, boolean offline) throws IOException {
    Map<String, String> v = new HashMap<>();
    v.put("baseId", base.id());
    v.put("baseImage", baseImage);
    v.put("labels", DockerfileSyntax.labels(labels()));
    v.put("workdir", workdir());
    String owner = shape.buildStage() ? "" : "--chown=" + OWNER + " ";
    v.put("layers", copyLines(layers, owner));
    int stable = stableLayerCount();
    v.put("dependencyLayers", copyLines(layers.subList(0, stable), owner));
    v.put("appLayers", (stable > 0 ? CACHE_MARKER + "\n" : "")
        + "# The app's own layers come last: they change with every build.\n"
        + copyLines(layers.subList(stable, layers.size()), owner));
    v.put("writableDirs", writable.isEmpty() ? "" : "# Directories the app writes to: empty, owned by the app"
        + " user and group 0, group-writable.\n" + copyLines(writable, "--chown=" + OWNER + " "));
    v.put("probe", probe == null ? "" : "# Berth's health probe (one class, java.base only) for the HEALTHCHECK.\n"
        + copyLines(List.of(probe), "--chown=" + OWNER + " "));
    v.put("expose", port() == null
        ? "# No EXPOSE: Berth found no port the app listens on (NO_PORT)." : "EXPOSE " + port());
    Map<String, String> env = env();
    v.put("env", env.isEmpty() ? "" : "ENV " + String.join(" \\\n    ",
        env.entrySet().stream().map(e -> e.getKey() + "=" + DockerfileSyntax.quoted(e.getValue())).toList()));
    v.put("healthcheck", healthcheckBlock());
    List<String> ep = entrypoint();
    v.put("entrypoint", ep.isEmpty() ? null : DockerfileSyntax.execForm(ep));
    v.put("cmd", DockerfileSyntax.execForm(cmd()));
    v.put("install", install);
    if (buildBase != null) {
      v.put("buildBaseId", buildBase.id());
      v.put("buildBaseImage", offline ? buildBase.offline() : buildBase.image());
      v.put("binary", goBinary());
      v.put("mainPackage", goMainPackage());
      v.put("buildOutput", buildOutput());
      runsCommands = true;
    }
    return v;
  }

  /** Node and Python dependency installs; sets {@link #runsCommands} when a RUN is written. */
  void decideInstall(Path root) throws IOException {
    if (shape == TemplateShape.NODE) {
      install = nodeInstall(root, true);
    } else if (shape == TemplateShape.STATIC_NODE_BUILD) {
      install = nodeInstall(root, false);
    } else if (shape == TemplateShape.PYTHON) {
      install = pythonInstall(root);
    }
    runsCommands |= install.lines().anyMatch(l -> l.startsWith("RUN "));
  }

  /** {@code production}: only the app's runtime dependencies; a build stage also needs devDependencies. */
  private String nodeInstall(Path root, boolean production) throws IOException {
    Path pkg = root.resolve("package.json");
    boolean deps = false;
    if (Files.isRegularFile(pkg)) {
      JsonNode manifest = JSON.readTree(pkg.toFile());
      for (String field : production ? List.of("dependencies") : List.of("dependencies", "devDependencies")) {
        deps |= manifest.path(field).isObject() && manifest.path(field).size() > 0;
      }
    }
    if (!deps) {
      return "# package.json declares no dependencies: nothing to install.";
    }
    if (Files.isRegularFile(root.resolve("package-lock.json"))
        || Files.isRegularFile(root.resolve("npm-shrinkwrap.json"))) {
      return production
          ? "# Exactly the locked production dependencies, installed as root so the app cannot change them.\n"
              + "RUN npm ci --omit=dev && npm cache clean --force"
          : "# Exactly the locked dependencies, build tools included.\nRUN npm ci";
    }
    return "# No package-lock.json: npm resolves versions at build time; commit a lockfile for repeatable builds.\n"
        + (production ? "RUN npm install --omit=dev && npm cache clean --force" : "RUN npm install");
  }

  private String pythonInstall(Path root) {
    if (!Files.isRegularFile(root.resolve("requirements.txt"))) {
      return "# No requirements.txt: dependencies are not installed; the base's packages are used as they are.";
    }
    String req = workdir() + "/requirements.txt";
    return "# A venv that also sees the base's packages: requirements the base already satisfies need no package\n"
        + "# index (pip reports them as satisfied), anything else comes from the index as usual.\n"
        + "RUN python3 -m venv --system-site-packages /opt/venv \\\n"
        + " && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check -r " + req + "\n"
        + "ENV PATH=\"/opt/venv/bin:$PATH\"";
  }

  /**
   * How many leading layers hold release libraries (Boot's {@code dependencies} and {@code spring-boot-loader},
   * the release libs of the other stacks): they go above the {@link #CACHE_MARKER}, with the image's settings.
   */
  private int stableLayerCount() {
    int n = 0;
    while (n < layers.size() - 1 && STABLE_LAYERS.contains(layers.get(n).name())) {
      n++;
    }
    return n;
  }

  private static String copyLines(List<ContextLayer> ls, String owner) {
    List<String> lines = new ArrayList<>();
    for (ContextLayer l : ls) {
      lines.add("COPY " + owner + l.dir() + "/ " + l.target());
    }
    return String.join("\n", lines);
  }

  ImagePlan plan(Path directory, RenderOptions options) {
    List<ImagePlan.Layer> planLayers = new ArrayList<>();
    for (List<ContextLayer> group : List.of(layers, writable, probe == null ? List.<ContextLayer>of()
        : List.of(probe))) {
      for (ContextLayer l : group) {
        planLayers.add(new ImagePlan.Layer(l.name(), directory.resolve(l.dir()), l.target()));
      }
    }
    return new ImagePlan(
        baseImage,
        base.id(),
        planLayers,
        entrypoint(),
        cmd(),
        env(),
        labels(),
        OWNER,
        workdir(),
        port() == null ? List.of() : List.of(port()),
        healthcheck(),
        OWNER,
        options.fileTime());
  }
}
