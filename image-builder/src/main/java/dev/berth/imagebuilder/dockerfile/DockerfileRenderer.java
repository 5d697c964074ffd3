package dev.berth.imagebuilder.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.dockerfile.BuildContextWriter.ContextLayer;
import dev.berth.imagebuilder.plan.ImagePlan;
import dev.berth.runtime.api.facts.FactLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the editable Dockerfile for a detect report into a self-contained build context: the stack shape's
 * template filled from the report and the base-image catalog, one context folder per layer, a
 * {@code .dockerignore} and the report itself. The output folder is replaced only when everything was written.
 */
public final class DockerfileRenderer {

  /** Owner of every file Berth copies into an image: the catalog's app user, group 0 (arbitrary-uid friendly). */
  public static final String OWNER = "10001:0";

  static final String PROBE_TARGET = "/berth/probe/";
  static final String CATALINA_HOME = "/usr/local/tomcat";
  static final String HEALTHCHECK_TIMING = "--interval=30s --timeout=10s --start-period=60s --retries=3";
  static final String DOCKERIGNORE =
      "# Only context/ goes to the engine; Berth's report stays out of the image's build context.\n*\n!context\n";

  private static final Pattern HEALTH = Pattern.compile("^(http|tcp):(\\d+)(/.*)?$");
  private static final Pattern VERSIONED_NAME = Pattern.compile("^(.+?)-(\\d[\\w.]*?(?:-SNAPSHOT)?)$");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BaseImageCatalog catalog;

  public DockerfileRenderer(BaseImageCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** A renderer on the base-image catalog shipped with Berth. */
  public static DockerfileRenderer standard() {
    return new DockerfileRenderer(BaseImageCatalog.load());
  }

  /**
   * Renders and writes the build context.
   *
   * @param report a successful detect report
   * @param root the folder every layer source path is relative to (archives already exploded)
   * @param options output folder, base choice, file time
   * @throws DockerfileException naming the input and the fix; the output folder is then left as it was
   */
  public RenderedDockerfile render(DetectReport report, Path root, RenderOptions options)
      throws DockerfileException {
    TemplateShape shape = TemplateShape.of(report, root);
    DockerfileTemplate template = TemplateCatalog.load(shape.templateId());
    BaseImage base = runBase(shape, report);
    BaseImage buildBase = shape == TemplateShape.GO ? catalog.get("go-build")
        : shape == TemplateShape.STATIC_NODE_BUILD ? first("node-") : null;
    String baseImage = options.baseImage() != null ? options.baseImage() : image(base, options.offline());
    OutputFolder out;
    try {
      out = OutputFolder.begin(options.outputDir());
    } catch (IOException e) {
      throw new DockerfileException("cannot create the output folder " + options.outputDir() + ": " + e, e);
    }
    try {
      Path rootAbs = root.toAbsolutePath().normalize();
      if (rootAbs.startsWith(out.target()) || out.target().equals(rootAbs)) {
        throw new DockerfileException(
            "output folder " + out.target() + " contains the input " + rootAbs + "; pass another folder with -o");
      }
      BuildContextWriter context =
          new BuildContextWriter(root, out.staging(), options.fileTime(), List.of(out.target(), out.staging()));
      Image image = new Image(shape, report, base, baseImage);
      image.writeLayers(context);
      image.decideInstall(rootAbs);
      context.finish();

      Map<String, String> vars = image.variables(buildBase, options.offline());
      String body = template.render(vars);
      body = body.endsWith("\n") ? body : body + "\n";
      String dockerfile = GeneratedHeader.forBody(report.stack(), template.id(), body).line() + "\n" + body;
      boolean kept = false;
      Path previous = out.target().resolve("Dockerfile");
      if (!options.overwrite() && Files.isRegularFile(previous)) {
        String old = Files.readString(previous, StandardCharsets.UTF_8);
        if (GeneratedHeader.status(old) != GeneratedHeader.Status.GENERATED) {
          dockerfile = old; // a hand edit wins until overwrite is asked for (DETECTION.md §2.6)
          kept = true;
        }
      }
      Files.writeString(out.staging().resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
      Files.writeString(out.staging().resolve(".dockerignore"), DOCKERIGNORE, StandardCharsets.UTF_8);
      JSON.writeValue(out.staging().resolve("detect-report.json").toFile(), report);
      out.commit();
      return new RenderedDockerfile(
          out.target(),
          report.stack(),
          template.id(),
          base.id(),
          baseImage,
          buildBase == null ? null : buildBase.id(),
          kept,
          image.runsCommands ? null : image.plan(out.target(), options));
    } catch (IOException e) {
      out.abandon();
      throw new DockerfileException("cannot write the build context " + out.target() + ": " + e, e);
    } catch (DockerfileException | RuntimeException e) {
      out.abandon();
      throw e;
    }
  }

  private static String image(BaseImage base, boolean offline) {
    return offline ? base.offline() : base.image();
  }

  /** The run stage's base from the catalog. */
  BaseImage runBase(TemplateShape shape, DetectReport report) throws DockerfileException {
    return switch (shape) {
      case JVM_WAR -> {
        String line = report.server() == null ? null : report.server().line();
        if (line == null) {
          throw new DockerfileException(
              "the detect report names no servlet container line (server.line) for this WAR; set `server:` in"
                  + " berth.yaml, e.g. server: tomcat9");
        }
        yield catalog.tomcat(line).orElseThrow(() -> new DockerfileException(
            "no Tomcat " + line + " base in dockerfile-templates/base-images.yaml; known lines: "
                + catalog.all().stream().map(BaseImage::tomcat).filter(Objects::nonNull).toList()));
      }
      case JVM_DIST, JVM_JAR, JVM_BOOT, JVM_BOOT_JAR -> {
        int runtime = jdkRuntime(report);
        yield catalog.jre(runtime, false).orElseThrow(() -> new DockerfileException(
            "no shell-less JRE " + runtime + " base in dockerfile-templates/base-images.yaml; known: "
                + catalog.jdkRuntimes() + ". Pin a listed one with `jdk:` in berth.yaml"));
      }
      case NODE -> first("node-");
      case PYTHON -> first("python-");
      case GO -> catalog.get("go-run");
      case STATIC, STATIC_NODE_BUILD -> catalog.get("static");
    };
  }

  private int jdkRuntime(DetectReport report) throws DockerfileException {
    DetectReport.Jdk jdk = report.jdk();
    if (jdk != null && jdk.runtime() != null) {
      return jdk.runtime();
    }
    // floor-lts, as detection does: the lowest catalog runtime at or above the floor (DETECTION.md §2.4).
    int floor = jdk != null && jdk.floor() != null ? Math.max(8, jdk.floor()) : 8;
    return catalog.jdkRuntimes().stream().filter(r -> r >= floor).findFirst().orElseThrow(() ->
        new DockerfileException("the JDK floor " + floor + " is above every JRE base in the catalog "
            + catalog.jdkRuntimes()));
  }

  private BaseImage first(String prefix) throws DockerfileException {
    return catalog.all().stream().filter(b -> b.id().startsWith(prefix)).findFirst().orElseThrow(() ->
        new DockerfileException("no " + prefix + "* base in dockerfile-templates/base-images.yaml"));
  }

  /** Everything one image is made of, worked out once for both the Dockerfile and the daemonless plan. */
  private static final class Image {
    private final TemplateShape shape;
    private final DetectReport report;
    private final BaseImage base;
    private final String baseImage;
    private final List<ContextLayer> layers = new ArrayList<>();
    private final List<ContextLayer> writable = new ArrayList<>();
    private ContextLayer probe;
    private boolean runsCommands;
    private String install = "";

    Image(TemplateShape shape, DetectReport report, BaseImage base, String baseImage) {
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
      for (DetectReport.Layer l : report.layers()) {
        String target = l.target();
        if (shape.buildStage() && target != null) {
          target = target.replaceFirst("^/(app|www)(?=/|$)", "/src"); // sources go to the build stage
        }
        layers.add(context.addLayer(l.name(), l.sources(), target));
      }
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

    Map<String, String> variables(BaseImage buildBase, boolean offline) throws IOException {
      Map<String, String> v = new HashMap<>();
      v.put("baseId", base.id());
      v.put("baseImage", baseImage);
      v.put("labels", DockerfileSyntax.labels(labels()));
      v.put("workdir", workdir());
      String owner = shape.buildStage() ? "" : "--chown=" + OWNER + " ";
      v.put("layers", copyLines(layers, owner));
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
}
