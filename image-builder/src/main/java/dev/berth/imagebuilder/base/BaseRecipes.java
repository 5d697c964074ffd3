package dev.berth.imagebuilder.base;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    return r;
  }

  private static TomcatRecipe tomcat(String version) {
    return new TomcatRecipe(
        new JlinkRuntime(JDK_17, JlinkJreRecipe.JAVA_SE_MODULES),
        new TomcatDistribution(version, TomcatDistribution.CENTRAL));
  }

  private static Path jdk(String env, String fallback) {
    String value = System.getenv(env);
    return Path.of(value == null || value.isBlank() ? fallback : value);
  }
}
