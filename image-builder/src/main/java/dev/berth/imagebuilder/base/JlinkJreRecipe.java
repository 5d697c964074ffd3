package dev.berth.imagebuilder.base;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shell-less JRE from scratch: jlink from a host JDK plus the libraries it needs, imported as one layer
 * (ENVIRONMENT.md §3.1). The default base for JVM apps.
 *
 * @param runtime the JDK and modules to link
 */
record JlinkJreRecipe(JlinkRuntime runtime) implements BaseRecipe {

  /**
   * What JVM bases link: all of Java SE plus the jdk modules apps commonly need at run time (EC crypto, Unsafe, zip
   * file systems, management, DNS, and the JDK's HTTP server, which the public eclipse-temurin JREs have and small
   * legacy services use). Measured: 68 MB as an image, where a hand-picked list that keeps java.desktop
   * (java.beans, which Spring and Tomcat need) saved under 1 MB, and one without it breaks those apps.
   */
  static final List<String> JAVA_SE_MODULES =
      List.of(
          "java.se",
          "jdk.crypto.ec",
          "jdk.httpserver",
          "jdk.management",
          "jdk.naming.dns",
          "jdk.unsupported",
          "jdk.zipfs");

  @Override
  public Map<String, String> inputs() throws BaseImageException {
    Map<String, String> in = new TreeMap<>(runtime.inputs());
    in.put("recipe", "jlink-jre");
    in.put("recipes.version", RECIPES_VERSION + "." + ScratchJreRoot.VERSION);
    return in;
  }

  @Override
  public RootFs rootFs(Workspace ws) throws BaseImageException {
    JdkRelease release = JdkRelease.read(runtime.jdkHome());
    Path tar = ws.dir().resolve("rootfs.tar");
    if (!Files.exists(tar)) {
      Map<String, String> libs = runtime.link(ws.dir().resolve("jre"), ws);
      RootFsWriter.write(tar, w -> ScratchJreRoot.write(w, ws.dir().resolve("jre"), libs));
      JlinkRuntime.deleteTree(ws.dir().resolve("jre"));
    } else {
      ws.progress().accept("reusing " + tar);
    }
    return new RootFs(tar, new ImageConfig(ScratchJreRoot.env(), "/app", null, List.of("java", "-version"),
        List.of(), jdkLabels(release)));
  }

  @Override
  public List<String> smokeCommand() {
    return ScratchJreRoot.javaVersion();
  }

  static Map<String, String> jdkLabels(JdkRelease release) {
    return Map.of(
        BaseImageLabels.JDK_VERSION, release.javaVersion(),
        BaseImageLabels.JDK_RUNTIME, Integer.toString(release.feature()),
        BaseImageLabels.RUNTIME_VERSION, release.javaVersion());
  }
}
