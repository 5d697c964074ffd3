package dev.berth.imagebuilder.base;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A shell-less Tomcat base: a jlink'ed Java SE runtime plus the Tomcat distribution from Maven Central at
 * {@code /usr/local/tomcat}, started in exec form the way {@code catalina.sh run} would start it. The sample
 * webapps are left out; the folders Tomcat writes belong to uid 10001 (group 0).
 *
 * @param runtime the JDK and modules to link
 * @param distribution the Tomcat version to fetch
 */
record TomcatRecipe(JlinkRuntime runtime, TomcatDistribution distribution) implements BaseRecipe {

  static final String CATALINA_HOME = "/usr/local/tomcat";

  /** Where Tomcat writes at run time: owned by the app user, group 0, group-writable (OpenShift convention). */
  static final Set<String> WRITABLE = Set.of("work", "temp", "logs", "webapps", "conf/Catalina");

  @Override
  public Map<String, String> inputs() throws BaseImageException {
    Map<String, String> in = new TreeMap<>(runtime.inputs());
    in.put("recipe", "tomcat");
    in.put("recipes.version", RECIPES_VERSION + "." + ScratchJreRoot.VERSION);
    in.put("tomcat.version", distribution.version());
    return in;
  }

  @Override
  public RootFs rootFs(Workspace ws) throws BaseImageException {
    JdkRelease release = JdkRelease.read(runtime.jdkHome());
    Path tar = ws.dir().resolve("rootfs.tar");
    if (!Files.exists(tar)) {
      Path dist = distribution.fetch(ws.state(), ws);
      Path jre = ws.dir().resolve("jre");
      Map<String, String> libs = runtime.link(jre, ws);
      ws.progress().accept("unpack Tomcat " + distribution.version() + " to " + CATALINA_HOME);
      RootFsWriter.write(
          tar,
          w -> {
            ScratchJreRoot.write(w, jre, libs);
            writeTomcat(w, dist);
          });
      JlinkRuntime.deleteTree(jre);
    } else {
      ws.progress().accept("reusing " + tar);
    }
    Map<String, String> env = ScratchJreRoot.env();
    env.put("PATH", CATALINA_HOME + "/bin:" + env.get("PATH"));
    env.put("CATALINA_HOME", CATALINA_HOME);
    env.put("TOMCAT_VERSION", distribution.version());
    Map<String, String> labels = new LinkedHashMap<>(JlinkJreRecipe.jdkLabels(release));
    labels.put(BaseImageLabels.TOMCAT_VERSION, distribution.version());
    return new RootFs(tar, new ImageConfig(env, CATALINA_HOME, null, command(), List.of(8080), labels));
  }

  /** Tomcat's own version report: proves the JVM runs, the jars are readable, and names both versions. */
  @Override
  public List<String> smokeCommand() {
    return List.of(
        ScratchJreRoot.JAVA_HOME + "/bin/java",
        "-cp",
        CATALINA_HOME + "/lib/catalina.jar",
        "org.apache.catalina.util.ServerInfo");
  }

  /**
   * What {@code catalina.sh run} executes on Java 17, in exec form: logging through JULI, the module opens Tomcat
   * needs to clear leaked references on undeploy, and catalina.home/base.
   */
  static List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add("java");
    cmd.add("-Djava.util.logging.config.file=" + CATALINA_HOME + "/conf/logging.properties");
    cmd.add("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
    cmd.add("-Djdk.tls.ephemeralDHKeySize=2048");
    cmd.add("-Djava.protocol.handler.pkgs=org.apache.catalina.webresources");
    cmd.add("-Dorg.apache.catalina.security.SecurityListener.UMASK=0027");
    cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    cmd.add("--add-opens=java.base/java.io=ALL-UNNAMED");
    cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
    cmd.add("--add-opens=java.base/java.util.concurrent=ALL-UNNAMED");
    cmd.add("--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED");
    cmd.add("-classpath");
    cmd.add(CATALINA_HOME + "/bin/bootstrap.jar:" + CATALINA_HOME + "/bin/tomcat-juli.jar");
    cmd.add("-Dcatalina.base=" + CATALINA_HOME);
    cmd.add("-Dcatalina.home=" + CATALINA_HOME);
    cmd.add("-Djava.io.tmpdir=" + CATALINA_HOME + "/temp");
    cmd.add("org.apache.catalina.startup.Bootstrap");
    cmd.add("start");
    return cmd;
  }

  /** Copies the distribution under {@link #CATALINA_HOME}, minus the sample webapps and the Windows scripts. */
  private static void writeTomcat(RootFsWriter w, Path dist) throws IOException {
    w.directoryExact(CATALINA_HOME, 0755, RootFsWriter.Owner.ROOT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(dist), 1 << 16);
        TarArchiveInputStream t = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        String rel = relative(e.getName());
        if (rel == null || skipped(rel)) {
          continue;
        }
        boolean writable = writable(rel);
        RootFsWriter.Owner owner = writable ? RootFsWriter.Owner.APP : RootFsWriter.Owner.ROOT;
        String target = CATALINA_HOME + "/" + rel;
        if (e.isDirectory()) {
          w.directoryExact(target, writable ? 0775 : 0755, owner);
        } else if (e.isSymbolicLink()) {
          w.symlink(target, e.getLinkName());
        } else if (e.isFile()) {
          // The distribution ships conf/ as 0600; make everything readable, as uid 10001 does not own it.
          int mode = (e.getMode() & 0111) != 0 ? 0755 : 0644;
          w.file(target, t, e.getSize(), writable ? mode | 0020 : mode, owner);
        }
      }
    }
    for (String dir : List.of("work", "temp", "logs", "webapps", "conf/Catalina", "conf/Catalina/localhost")) {
      w.directoryExact(CATALINA_HOME + "/" + dir, 0775, RootFsWriter.Owner.APP);
    }
  }

  /** The path below the distribution's top folder ({@code apache-tomcat-9.0.98/}), or null for the top itself. */
  static String relative(String entryName) {
    String name = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
    int slash = name.indexOf('/');
    return slash < 0 ? null : name.substring(slash + 1);
  }

  /** Sample webapps (docs, examples, manager …) and Windows scripts are not part of a base. */
  static boolean skipped(String rel) {
    return rel.startsWith("webapps/") || rel.endsWith(".bat");
  }

  static boolean writable(String rel) {
    return WRITABLE.stream().anyMatch(dir -> rel.equals(dir) || rel.startsWith(dir + "/"));
  }
}
