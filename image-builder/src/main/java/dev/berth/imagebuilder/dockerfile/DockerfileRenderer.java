package dev.berth.imagebuilder.dockerfile;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.catalog.BaseImage;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.report.DetectReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the editable Dockerfile for a detect report into a self-contained build context: the stack shape's
 * template filled from the report and the base-image catalog, one context folder per layer, a
 * {@code .dockerignore} and the report itself. The output folder is replaced only when everything was written.
 */
public final class DockerfileRenderer {

  /** Owner of every file Berth copies into an image: the catalog's app user, group 0 (arbitrary-uid friendly). */
  public static final String OWNER = "10001:0";

  static final String DOCKERIGNORE =
      "# Only context/ goes to the engine; Berth's report stays out of the image's build context.\n*\n!context\n";


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
          new BuildContextWriter(root, out.staging(), options.fileTime(), List.of(out.target(), out.staging()),
              options.linkFromRoot());
      ImageDesign image = new ImageDesign(shape, report, base, baseImage);
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
      DetectReportJson.write(report, out.staging().resolve("detect-report.json"));
      out.commit();
      return new RenderedDockerfile(
          out.target(),
          report.stack(),
          template.id(),
          base.id(),
          baseImage,
          buildBase == null ? null : buildBase.id(),
          kept,
          image.runsCommands() ? null : image.plan(out.target(), options));
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
}
