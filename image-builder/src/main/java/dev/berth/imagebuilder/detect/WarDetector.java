package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import dev.berth.imagebuilder.api.DetectReport.Outcome;
import dev.berth.imagebuilder.inspect.Archive;
import dev.berth.imagebuilder.inspect.ArchiveException;
import dev.berth.imagebuilder.inspect.ClassFileScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WARs ({@code jvm-war}) deployed to Tomcat: the servlet namespace from {@code web.xml} and the classes' constant
 * pools decides the line (javax → 9.0, jakarta ≤ 6.0 → 10.1, 6.1 → 11.0); other servers' descriptors are
 * unsupported unless {@code server:} says Tomcat anyway.
 */
final class WarDetector {

  static final String WEBAPPS = "/usr/local/tomcat/webapps/";
  private static final Pattern XMLNS = Pattern.compile("<web-app[^>]*xmlns=\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("<web-app[^>]*\\sversion=\"([\\d.]+)\"");
  private static final List<String> VENDOR = List.of("WEB-INF/jboss-web.xml", "WEB-INF/weblogic.xml",
      "WEB-INF/ibm-web-bnd.xml", "WEB-INF/ibm-web-ext.xml", "WEB-INF/ibm-web-bnd.xmi", "WEB-INF/ejb-jar.xml",
      "META-INF/ejb-jar.xml");
  private static final Map<String, String> SERVERS = Map.of("tomcat9", "9.0", "tomcat", "10.1", "tomcat10",
      "10.1", "tomcat10.1", "10.1", "tomcat11", "11.0");

  private WarDetector() {}

  static void detect(Workspace ws, ReportDraft d, String war, Path temp, List<Integer> jreRuntimes,
      java.util.function.Function<String, Optional<Integer>> tomcatJdk) throws DetectionFailure, IOException {
    String name = war.substring(war.lastIndexOf('/') + 1).replaceFirst("\\.war$", "");
    String context = name.equals("ROOT") ? "/" : "/" + name;
    String webXml;
    String classNs = null;
    boolean conflictInClasses = false;
    List<String> vendor = new ArrayList<>();
    boolean jndi;
    ClassFileScan app;
    ClassFileScan libs = ClassFileScan.EMPTY;
    try (Archive a = LegacyJarDetector.open(ws, war)) {
      webXml = a.text("WEB-INF/web.xml");
      for (String v : VENDOR) {
        if (a.has(v)) {
          vendor.add(v);
        }
      }
      for (String e : a.names()) {
        if (e.startsWith("META-INF/") && e.endsWith("-ds.xml")) {
          vendor.add(e);
        }
      }
      String ctx = a.text("META-INF/context.xml");
      jndi = ctx != null && ctx.contains("<Resource");
      app = ClassFileScan.of(a, e -> e.startsWith("WEB-INF/classes/"));
      for (String e : a.names()) {
        if (e.startsWith("WEB-INF/classes/") && e.endsWith(".class")) {
          String text = new String(a.bytes(e), StandardCharsets.ISO_8859_1);
          boolean javax = text.contains("javax/servlet/");
          boolean jakarta = text.contains("jakarta/servlet/");
          String ns = javax && !jakarta ? "javax" : jakarta && !javax ? "jakarta" : null;
          if (ns != null && classNs != null && !ns.equals(classNs) || javax && jakarta) {
            conflictInClasses = true;
          }
          if (ns != null) {
            classNs = ns;
          }
        }
        if (e.startsWith("WEB-INF/lib/") && e.endsWith(".jar")) {
          Path copy = temp.resolve("war-lib-" + e.substring("WEB-INF/lib/".length()));
          Files.createDirectories(temp);
          Files.write(copy, a.bytes(e));
          libs = libs.plus(ClassFileScan.ofJar(copy, war + "!/" + e));
          Files.delete(copy);
        }
      }
    } catch (ArchiveException e) {
      throw LegacyJarDetector.corrupt(e);
    }
    String server = ws.options.server();
    if (!vendor.isEmpty() && server == null) {
      throw new DetectionFailure(Outcome.UNSUPPORTED, war + " is written for another application server",
          "a WAR Tomcat can run: no vendor descriptors (jboss-web.xml, weblogic.xml, ibm-web-*.xml, *-ds.xml,"
              + " ejb-jar.xml)", vendor, "berth.yaml `server: tomcat9` (or tomcat10.1) if the app runs on Tomcat"
              + " without them");
    }
    String xmlNs = null;
    String servletVersion = null;
    if (webXml != null) {
      Matcher m = XMLNS.matcher(webXml);
      if (m.find()) {
        String uri = m.group(1);
        xmlNs = uri.contains("jakarta.ee") ? "jakarta" : uri.contains("java.sun.com") || uri.contains("jcp.org")
            ? "javax" : null;
      }
      Matcher v = VERSION.matcher(webXml);
      servletVersion = v.find() ? v.group(1) : null;
    }
    String namespace = xmlNs != null ? xmlNs : classNs != null ? classNs : "javax";
    Confidence nsConfidence = xmlNs != null && (classNs == null || classNs.equals(xmlNs)) ? Confidence.HIGH
        : xmlNs != null || classNs != null ? Confidence.MEDIUM : Confidence.LOW;
    d.stack = "jvm-war";
    d.subtype = namespace;
    d.artifact = new DetectReport.Artifact(war, "war", Sha256.of(ws.path(war)), d.artifact == null ? List.of()
        : d.artifact.excluded());
    d.decide("stack", "jvm-war", Confidence.HIGH, "war", war, webXml != null ? "WEB-INF/web.xml"
        : "WEB-INF/ classes and libraries");
    if (!d.decisions.containsKey("artifact")) {
      d.decide("artifact", war, Confidence.HIGH, "war", war, "the only runnable archive");
    }
    String line;
    if (server != null) {
      line = SERVERS.get(server);
      if (line == null) {
        throw new DetectionFailure(Outcome.INVALID_OVERRIDE, "server: " + server + " is not a known container",
            "one of " + new java.util.TreeSet<>(SERVERS.keySet()), List.of("server: " + server),
            "berth.yaml `server: " + (namespace.equals("javax") ? "tomcat9" : "tomcat10.1") + "`");
      }
      d.overrides.add(new DetectReport.Override("server", server, ws.options.source(), true, null));
      d.decide("server", "tomcat " + line, Confidence.HIGH, "override", null, "server: " + server);
      if (!vendor.isEmpty()) {
        d.warn("VENDOR_DESCRIPTOR_IGNORED", "Tomcat ignores " + String.join(", ", vendor) + " (server: " + server
            + ")", war, null);
      }
    } else {
      line = namespace.equals("javax") ? "9.0" : servletVersion != null && servletVersion.startsWith("6.1")
          ? "11.0" : "10.1";
      d.decide("server", "tomcat " + line, nsConfidence, "servlet-namespace", war, "web.xml namespace " + xmlNs
          + ", classes reference " + classNs);
    }
    if (xmlNs != null && classNs != null && !xmlNs.equals(classNs) || conflictInClasses) {
      d.lower("server", Confidence.LOW);
      d.warn("NAMESPACE_CONFLICT", "web.xml is " + xmlNs + " but the classes reference " + classNs
          + "/servlet; one of them is from the wrong servlet API", war, null);
    }
    d.server = new DetectReport.Server("tomcat", line, namespace, servletVersion, context);
    int minimum = line.equals("9.0") ? 8 : line.equals("10.1") ? 11 : 17;
    Optional<Integer> baseJdk = tomcatJdk.apply(line);
    List<Integer> runtimes = baseJdk.map(List::of).orElse(jreRuntimes);
    Map<String, String> hints = new LinkedHashMap<>();
    JdkDecider.decide(d, war, app, libs, hints, null, minimum, ws.options.jdk(), runtimes);
    d.classes = app.classes() + libs.classes();
    d.threads = 200;
    d.port = 8080;
    d.decide("port", "8080", Confidence.HIGH, "tomcat-default", war, "the Tomcat base's HTTP connector");
    d.health = "http:8080" + (context.equals("/") ? "/" : context + "/");
    d.decide("health", d.health, Confidence.MEDIUM, "war-context", war, "context root " + context);
    d.start = new DetectReport.Start(List.of(), "/usr/local/tomcat", null, List.of());
    d.decide("start", "tomcat " + line, Confidence.HIGH, "war", war, "the Tomcat base starts itself");
    d.flags = DetectReport.Flags.none();
    d.layer("application", List.of(war), WEBAPPS + (context.equals("/") ? "ROOT" : name) + ".war");
    if (jndi) {
      d.warn("JNDI_RESOURCE", "META-INF/context.xml declares a <Resource>; its driver jar must be in Tomcat's"
          + " lib/ and its settings in the environment", war, null);
    }
  }
}
