package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.inspect.BuildHints;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Exploded apps (DETECTION.md §2.2 step 2): a folder with {@code WEB-INF/} is a WAR deployed as a folder; a folder
 * with {@code META-INF/MANIFEST.MF} naming a Main-Class is a jar ({@code BOOT-INF/} makes it Boot) run with
 * {@code java -cp /app…}.
 */
final class ExplodedAppDetector {

  private static final Pattern XMLNS = Pattern.compile("<web-app[^>]*xmlns=\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("<web-app[^>]*\\sversion=\"([\\d.]+)\"");

  private ExplodedAppDetector() {}

  /** Detects an exploded WAR or jar; false when the folder is neither. */
  static boolean detect(Workspace ws, ReportDraft d, List<Integer> runtimes,
      java.util.function.Function<String, java.util.Optional<Integer>> tomcatJdk)
      throws DetectionFailure, IOException {
    if (ws.isDirectory("WEB-INF")) {
      war(ws, d, runtimes, tomcatJdk);
      return true;
    }
    if (!ws.isFile("META-INF/MANIFEST.MF")) {
      return false;
    }
    Manifest mf = new Manifest(new ByteArrayInputStream(Files.readAllBytes(ws.path("META-INF/MANIFEST.MF"))));
    String main = mf.getMainAttributes().getValue("Main-Class");
    if (main == null) {
      return false;
    }
    boolean boot = ws.isDirectory("BOOT-INF");
    d.stack = boot ? "jvm-boot" : "jvm-jar";
    d.subtype = "exploded";
    d.artifact = new DetectReport.Artifact(".", "exploded", null, List.of());
    d.decide("stack", d.stack, Confidence.HIGH, "exploded-manifest", "META-INF/MANIFEST.MF", "Main-Class " + main);
    d.decide("artifact", ".", Confidence.HIGH, "exploded", ".", "the folder itself");
    Path classesDir = boot ? ws.path("BOOT-INF/classes") : ws.root;
    ClassFileScan app = boot ? ClassFileScan.ofDirectory(classesDir) : scanOutside(ws.root, List.of("lib/",
        "org/springframework/boot/loader/"));
    List<String> libs = new ArrayList<>();
    for (String f : ws.files()) {
      if (f.endsWith(".jar") && (f.startsWith(boot ? "BOOT-INF/lib/" : "lib/"))) {
        libs.add(f);
      }
    }
    ClassFileScan libScan = LegacyJarDetector.scanJars(ws, libs);
    Map<String, String> hints = new LinkedHashMap<>(BuildHints.read(ws.root, ""));
    JdkDecider.decide(d, "META-INF/MANIFEST.MF", app, libScan, hints, null, 0, ws.options.jdk(), runtimes);
    d.classes = app.classes() + libScan.classes();
    List<String> ep = new ArrayList<>(List.of("java"));
    ep.addAll(JvmLaunch.flags(ws, d, List.of(), "META-INF/MANIFEST.MF"));
    ep.addAll(List.of("-cp", boot ? JvmLaunch.APP : JvmLaunch.APP + (libs.isEmpty() ? "" : ":" + JvmLaunch.APP
        + "/lib/*"), main));
    JvmLaunch.start(d, ep, null, "META-INF/MANIFEST.MF");
    LegacyJarDetector.layers(d, libs, List.of(), List.of());
    List<String> rest = NodeDetector.sourcesExcept(ws, List.of(boot ? "BOOT-INF" : "lib"));
    if (boot) {
      rest.add(0, "BOOT-INF/classes");
    }
    for (String r : rest) {
      d.layer("application", List.of(r), ws.isDirectory(r) ? JvmLaunch.APP + "/" + r + "/" : JvmLaunch.APP + "/");
    }
    return true;
  }

  private static void war(Workspace ws, ReportDraft d, List<Integer> runtimes,
      java.util.function.Function<String, java.util.Optional<Integer>> tomcatJdk)
      throws DetectionFailure, IOException {
    String name = ws.root.getFileName().toString();
    String context = name.equals("ROOT") ? "/" : "/" + name;
    String webXml = ws.isFile("WEB-INF/web.xml") ? ws.text("WEB-INF/web.xml") : null;
    String ns = null;
    String version = null;
    if (webXml != null) {
      Matcher m = XMLNS.matcher(webXml);
      if (m.find()) {
        ns = m.group(1).contains("jakarta.ee") ? "jakarta" : "javax";
      }
      Matcher v = VERSION.matcher(webXml);
      version = v.find() ? v.group(1) : null;
    }
    String namespace = ns == null ? "javax" : ns;
    String line = namespace.equals("javax") ? "9.0" : version != null && version.startsWith("6.1") ? "11.0" : "10.1";
    if (ws.options.server() != null) {
      throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "server: is only read for WAR files",
          "a .war archive", List.of("exploded WEB-INF/ folder"), "package the app as a .war, or remove `server:`");
    }
    d.stack = "jvm-war";
    d.subtype = "exploded";
    d.artifact = new DetectReport.Artifact(".", "exploded-war", null, List.of());
    d.decide("stack", "jvm-war", Confidence.HIGH, "exploded-war", "WEB-INF", webXml != null ? "WEB-INF/web.xml"
        : "WEB-INF/");
    d.decide("server", "tomcat " + line, ns != null ? Confidence.HIGH : Confidence.MEDIUM, "servlet-namespace",
        "WEB-INF/web.xml", "namespace " + namespace);
    d.server = new DetectReport.Server("tomcat", line, namespace, version, context);
    List<String> libs = ws.files().stream().filter(f -> f.startsWith("WEB-INF/lib/") && f.endsWith(".jar"))
        .toList();
    ClassFileScan app = ClassFileScan.ofDirectory(ws.path("WEB-INF/classes"));
    ClassFileScan libScan = LegacyJarDetector.scanJars(ws, libs);
    int minimum = line.equals("9.0") ? 8 : line.equals("10.1") ? 11 : 17;
    List<Integer> rts = tomcatJdk.apply(line).map(List::of).orElse(runtimes);
    JdkDecider.decide(d, "WEB-INF", app, libScan, new LinkedHashMap<>(), null, minimum, ws.options.jdk(), rts);
    d.classes = app.classes() + libScan.classes();
    d.threads = 200;
    d.port = 8080;
    d.health = "http:8080" + (context.equals("/") ? "/" : context + "/");
    d.start = new DetectReport.Start(List.of(), "/usr/local/tomcat", null, List.of());
    d.decide("start", "tomcat " + line, Confidence.HIGH, "war", "WEB-INF", "the Tomcat base starts itself");
    d.flags = DetectReport.Flags.none();
    d.layer("application", NodeDetector.sourcesExcept(ws, List.of()), WarDetector.WEBAPPS
        + (context.equals("/") ? "ROOT" : name) + "/");
  }

  private static ClassFileScan scanOutside(Path root, List<String> skipped) throws IOException {
    ClassFileScan total = ClassFileScan.EMPTY;
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && !n.equals("lib") && !n.equals("META-INF") && !n.equals("org")) {
          total = total.plus(ClassFileScan.ofDirectory(p));
        }
      }
    }
    return total;
  }
}
