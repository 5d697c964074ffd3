package dev.berth.imagebuilder.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The detection corpus of DETECTION.md §4.2, generated: one method per fixture id, each building its layout under
 * the given folder and returning the path to detect (a folder or an archive). Fixtures meant to run (L1, L2, L3,
 * L4, L4b, A2, G1, N1, P1, O1, S1) hold really compiled code answering HTTP 200 on their port (named per method).
 */
public final class Samples {

  private Samples() {}

  // ---------------------------------------------------------------- JVM dists and jars

  /**
   * L1 dist-jdk7: {@code bin/start.sh} with nohup, memory and removed flags, {@code lib/} with the app jar (release
   * 7, runs on 17) and 3 libs (one SNAPSHOT), {@code conf/log4j.properties} with a file appender, empty {@code
   * logs/}. Serves HTTP 200 on port <b>8081</b> ({@code -Dhttp.port}); appends a line to {@code ${log.dir}/app.log}.
   */
  public static Path l1DistJdk7(Path dir) {
    Path root = dir.resolve("l1-dist-jdk7");
    text(root.resolve("bin/start.sh"), """
        #!/bin/sh
        # Starts the billing service in the background.
        JAVA_HOME=/opt/jdk1.7.0_80
        nohup $JAVA_HOME/bin/java -Xms512m -Xmx1024m -XX:MaxPermSize=256m -XX:+UseConcMarkSweepGC \
        -Dlog.dir=../logs -Dhttp.port=8081 -cp "../conf:../lib/*" com.acme.billing.Main >> ../logs/app.log 2>&1 &
        echo $! > ../app.pid
        """, true);
    text(root.resolve("bin/start.bat"), "@echo off\r\njava -cp \"..\\conf;..\\lib\\*\" com.acme.billing.Main\r\n",
        false);
    text(root.resolve("bin/stop.sh"), "#!/bin/sh\nkill $(cat ../app.pid)\n", true);
    JarAssembler.create().manifest("Build-Jdk", "1.7.0_80").manifest("Created-By", "Apache Maven 3.0.5")
        .classes("", httpMain(7, "com.acme.billing.Main", "8081", "billing ok", true))
        .text("META-INF/maven/com.acme/billing/pom.properties", "groupId=com.acme\nartifactId=billing\nversion=1.4.2\n")
        .write(root.resolve("lib/billing-1.4.2.jar"));
    library(7, "org.apache.commons.lang.StringUtils", root.resolve("lib/commons-lang-2.6.jar"));
    library(7, "org.apache.log4j.Logger", root.resolve("lib/log4j-1.2.17.jar"));
    library(7, "com.acme.common.Money", root.resolve("lib/acme-common-1.0-SNAPSHOT.jar"));
    text(root.resolve("conf/log4j.properties"), """
        log4j.rootLogger=INFO, file
        log4j.appender.file=org.apache.log4j.RollingFileAppender
        log4j.appender.file.File=${log.dir}/billing.log
        """, false);
    mkdirs(root.resolve("logs"));
    return root;
  }

  /**
   * L1c dist-zip: {@code app-1.0.zip} as Gradle's {@code distZip} writes it ({@code app-1.0/bin/app},
   * {@code app-1.0/lib/…}), classes release 11, {@code DEFAULT_JVM_OPTS='"-Xmx256m"'}. Port <b>8086</b>.
   */
  public static Path l1cDistZip(Path dir) {
    JarAssembler zip = JarAssembler.create()
        .text("app-1.0/bin/app", """
            #!/bin/sh
            APP_HOME=$(cd "$(dirname "$0")/.." && pwd)
            DEFAULT_JVM_OPTS='"-Xmx256m" "-Dhttp.port=8086"'
            CLASSPATH=$APP_HOME/lib/app-1.0.jar:$APP_HOME/lib/guava-32.1.3-jre.jar
            exec java $DEFAULT_JVM_OPTS -classpath "$CLASSPATH" com.acme.app.Main "$@"
            """)
        .text("app-1.0/bin/app.bat", "@rem Gradle start script for Windows\r\n");
    Path tmp = dir.resolve("l1c-parts");
    library(11, "com.google.common.base.Strings", tmp.resolve("guava-32.1.3-jre.jar"));
    Path app = JarAssembler.create().classes("", httpMain(11, "com.acme.app.Main", "8086", "app ok", false))
        .write(tmp.resolve("app-1.0.jar"));
    zip.entry("app-1.0/lib/app-1.0.jar", read(app)).entry("app-1.0/lib/guava-32.1.3-jre.jar",
        read(tmp.resolve("guava-32.1.3-jre.jar")));
    return zip.write(dir.resolve("l1c-dist-zip/app-1.0.zip"));
  }

  /** L1c as a {@code .tar.gz} (Gradle's {@code distTar} compressed): same layout and port <b>8086</b>. */
  public static Path l1cDistTarGz(Path dir) {
    Path zip = l1cDistZip(dir.resolve("l1c-zip"));
    Path out = dir.resolve("l1c-dist-tgz/app-1.0.tar.gz");
    mkdirs(out.getParent());
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile());
        OutputStream raw = Files.newOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(raw))) {
      for (var e : java.util.Collections.list(z.entries())) {
        byte[] b = z.getInputStream(e).readAllBytes();
        TarArchiveEntry t = new TarArchiveEntry(e.getName());
        t.setSize(b.length);
        t.setMode(e.getName().contains("/bin/") ? 0755 : 0644);
        t.setModTime(JarAssembler.FIXED_TIME.toMillis());
        tar.putArchiveEntry(t);
        tar.write(b);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** L1d: L1 plus {@code . ./setenv-$(hostname).sh}, a line no parser can resolve (exit 7 naming it). */
  public static Path l1dSourcedByHost(Path dir) {
    Path root = l1DistJdk7(dir);
    Path script = root.resolve("bin/start.sh");
    String s = read(script, true).replace("JAVA_HOME=", ". ./setenv-$(hostname).sh\nJAVA_HOME=");
    text(script, s, true);
    return root;
  }

  /** L1b: L1 with a {@code for} classpath loop and {@code exec java $JAVA_OPTS}; same entrypoint as L1. */
  public static Path l1bForLoop(Path dir) {
    Path root = l1DistJdk7(dir);
    text(root.resolve("bin/start.sh"), """
        #!/bin/sh
        cd "$(dirname "$0")"
        CLASSPATH=../conf
        for f in ../lib/*.jar; do
          CLASSPATH=$CLASSPATH:$f
        done
        exec java $JAVA_OPTS -Dlog.dir=../logs -Dhttp.port=8081 -cp "$CLASSPATH" com.acme.billing.Main
        """, true);
    return root;
  }

  /** An exploded WAR: L4's {@code legacy-portal.war} unpacked into {@code legacy-portal/}. */
  public static Path explodedWar(Path dir) {
    Path war = l4WarJavax(dir.resolve("exploded-parts"));
    Path root = dir.resolve("exploded-war/legacy-portal");
    unzip(war.resolve("legacy-portal.war"), root);
    return root;
  }

  /** X1: a Boot jar beside a pom using frontend-maven-plugin and {@code frontend/package.json} (Node = build-time). */
  public static Path x1BootWithFrontend(Path dir) {
    Path root = dir.resolve("x1-boot-frontend");
    text(root.resolve("pom.xml"), "<project><build><plugins><plugin><groupId>com.github.eirslett</groupId>"
        + "<artifactId>frontend-maven-plugin</artifactId></plugin></plugins></build></project>\n", false);
    text(root.resolve("frontend/package.json"), "{ \"name\": \"ui\", \"scripts\": { \"build\": \"vite build\" } }\n",
        false);
    text(root.resolve("package.json"), "{ \"name\": \"root\", \"scripts\": { \"build\": \"npm --prefix frontend run"
        + " build\" } }\n", false);
    bootJar("org.springframework.boot.loader.JarLauncher", "2.7.18", 8, 11)
        .write(root.resolve("target/app-1.0.jar"));
    return root;
  }

  /**
   * L2 jar-classpath: {@code start.sh} ({@code cd $(dirname $0); java -Xmx512m -Dhttp.port=8082 -jar orders.jar}),
   * {@code orders.jar} (release 8, {@code Class-Path: lib/a-1.0.jar lib/b-2.0-SNAPSHOT.jar}) and both libs. Port
   * <b>8082</b>.
   */
  public static Path l2JarClasspath(Path dir) {
    Path root = dir.resolve("l2-jar-classpath");
    text(root.resolve("start.sh"), """
        #!/bin/sh
        cd $(dirname $0)
        java -Xmx512m -Dhttp.port=8082 -jar orders.jar
        """, true);
    JarAssembler.create().manifest("Main-Class", "com.acme.orders.Main")
        .manifest("Class-Path", "lib/a-1.0.jar lib/b-2.0-SNAPSHOT.jar")
        .classes("", httpMain(8, "com.acme.orders.Main", "8082", "orders ok", false))
        .write(root.resolve("orders.jar"));
    library(8, "com.acme.a.A", root.resolve("lib/a-1.0.jar"));
    library(8, "com.acme.b.B", root.resolve("lib/b-2.0-SNAPSHOT.jar"));
    return root;
  }

  /** L2b: L2 without {@code lib/b-2.0-SNAPSHOT.jar}, which the manifest's Class-Path names (exit 8). */
  public static Path l2bMissingClassPath(Path dir) {
    Path root = l2JarClasspath(dir);
    delete(root.resolve("lib/b-2.0-SNAPSHOT.jar"));
    return root;
  }

  /**
   * L3 agent: shaded {@code orders-2.3.0.jar} (release 8), {@code agents/newrelic.jar} ({@code Premain-Class}
   * stub printing one line) + {@code newrelic.yml}, {@code run.sh} ({@code exec java -javaagent:… -jar …}). Port
   * <b>8083</b>.
   */
  public static Path l3Agent(Path dir) {
    Path root = dir.resolve("l3-agent");
    text(root.resolve("run.sh"), """
        #!/bin/sh
        exec java -javaagent:agents/newrelic.jar -Dhttp.port=8083 -jar orders-2.3.0.jar
        """, true);
    JarAssembler.create().manifest("Main-Class", "com.acme.orders.Main")
        .classes("", httpMain(8, "com.acme.orders.Main", "8083", "orders ok", false))
        .classes("", SampleCompiler.compile(8, Map.of("com.google.gson.Gson", "package com.google.gson;"
            + " public class Gson {}")))
        .write(root.resolve("orders-2.3.0.jar"));
    JarAssembler.create().manifest("Premain-Class", "com.newrelic.bootstrap.BootstrapAgent")
        .classes("", SampleCompiler.compile(8, Map.of("com.newrelic.bootstrap.BootstrapAgent", """
            package com.newrelic.bootstrap;
            public class BootstrapAgent {
              public static void premain(String args, java.lang.instrument.Instrumentation inst) {
                System.out.println("newrelic stub agent loaded");
              }
            }
            """)))
        .write(root.resolve("agents/newrelic.jar"));
    text(root.resolve("agents/newrelic.yml"), "common:\n  app_name: orders\n", false);
    return root;
  }

  // ---------------------------------------------------------------- WARs

  /**
   * L4 war-javax: {@code legacy-portal.war} with a {@code xmlns.jcp.org} 3.1 {@code web.xml}, a servlet compiled
   * (release 8) against a javax stub answering 200 on every path, {@code WEB-INF/lib/taglib-1.2.jar}, and a
   * {@code META-INF/context.xml} {@code <Resource>}. Tomcat 9, port <b>8080</b>, context {@code /legacy-portal}.
   */
  public static Path l4WarJavax(Path dir) {
    Path root = dir.resolve("l4-war-javax");
    war("javax", 8, """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
          <servlet><servlet-name>portal</servlet-name><servlet-class>com.acme.portal.PortalServlet</servlet-class></servlet>
          <servlet-mapping><servlet-name>portal</servlet-name><url-pattern>/</url-pattern></servlet-mapping>
        </web-app>
        """)
        .text("META-INF/context.xml", """
            <Context>
              <Resource name="jdbc/portal" auth="Container" type="javax.sql.DataSource"/>
            </Context>
            """)
        .entry("WEB-INF/lib/taglib-1.2.jar", read(library(8, "org.apache.taglibs.Tag",
            dir.resolve("l4-parts/taglib-1.2.jar"))))
        .write(root.resolve("legacy-portal.war"));
    return root;
  }

  /**
   * L4b war-jakarta: {@code orders-web.war}, {@code web.xml} {@code jakarta.ee} 6.0, servlet release 17 against a
   * jakarta stub. Tomcat 10.1, port <b>8080</b>, context {@code /orders-web}.
   */
  public static Path l4bWarJakarta(Path dir) {
    Path root = dir.resolve("l4b-war-jakarta");
    war("jakarta", 17, """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <servlet><servlet-name>portal</servlet-name><servlet-class>com.acme.portal.PortalServlet</servlet-class></servlet>
          <servlet-mapping><servlet-name>portal</servlet-name><url-pattern>/</url-pattern></servlet-mapping>
        </web-app>
        """).write(root.resolve("orders-web.war"));
    return root;
  }

  /** L4d: a javax {@code web.xml} whose classes reference {@code jakarta/servlet} (NAMESPACE_CONFLICT, exit 7). */
  public static Path l4dNamespaceConflict(Path dir) {
    Path root = dir.resolve("l4d-conflict");
    war("jakarta", 17, """
        <web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1"/>
        """).write(root.resolve("mixed.war"));
    return root;
  }

  /** L4e: L4 plus {@code WEB-INF/jboss-web.xml} (exit 5 unless {@code server:} is given). */
  public static Path l4eJbossDescriptor(Path dir) {
    Path root = dir.resolve("l4e-jboss");
    war("javax", 8, "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\"/>\n")
        .text("WEB-INF/jboss-web.xml", "<jboss-web><context-root>/portal</context-root></jboss-web>\n")
        .write(root.resolve("portal.war"));
    return root;
  }

  // ---------------------------------------------------------------- Spring Boot (detection only)

  /** B1 boot15: Boot 1.5.22 jar, loader stubs first, classes release 8, {@code server.port=9090}, actuator lib. */
  public static Path b1Boot15(Path dir) {
    JarAssembler jar = bootJar("org.springframework.boot.loader.JarLauncher", "1.5.22.RELEASE", 8, 8)
        .text("BOOT-INF/classes/application.properties", "server.port=9090\n")
        .entry("BOOT-INF/lib/spring-boot-actuator-1.5.22.RELEASE.jar", read(library(8,
            "org.springframework.boot.actuate.Health", dir.resolve("b1-parts/actuator.jar"))));
    return jar.write(dir.resolve("b1-boot15/target/shop-1.5.22.jar"));
  }

  /**
   * B2 boot27: Boot 2.7.18, loader stubs release 8 first, {@code BOOT-INF/classes} release 17, {@code layers.idx},
   * {@code classpath.idx}, {@code application.yml} port 8085, a SNAPSHOT lib.
   */
  public static Path b2Boot27(Path dir) {
    Path parts = dir.resolve("b2-parts");
    JarAssembler jar = bootJar("org.springframework.boot.loader.JarLauncher", "2.7.18", 8, 17)
        .text("BOOT-INF/classes/application.yml", "server:\n  port: 8085\n")
        .entry("BOOT-INF/lib/spring-core-5.3.31.jar", read(library(8, "org.springframework.core.Core",
            parts.resolve("core.jar"))))
        .entry("BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar", read(library(8, "com.acme.util.Util",
            parts.resolve("util.jar"))))
        .text("BOOT-INF/classpath.idx",
            "- \"BOOT-INF/lib/spring-core-5.3.31.jar\"\n- \"BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar\"\n")
        .text("BOOT-INF/layers.idx", """
            - "dependencies":
              - "BOOT-INF/lib/spring-core-5.3.31.jar"
            - "spring-boot-loader":
              - "org/"
            - "snapshot-dependencies":
              - "BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar"
            - "application":
              - "BOOT-INF/classes/"
              - "BOOT-INF/classpath.idx"
              - "BOOT-INF/layers.idx"
              - "META-INF/"
            """);
    return jar.write(dir.resolve("b2-boot27/target/shop-2.7.18.jar"));
  }

  /** B3 boot32: Boot 3.2.5, {@code Main-Class …loader.launch.JarLauncher}, classes release 17. */
  public static Path b3Boot32(Path dir) {
    return bootJar("org.springframework.boot.loader.launch.JarLauncher", "3.2.5", 17, 17)
        .write(dir.resolve("b3-boot32/target/shop-3.2.5.jar"));
  }

  /** B5: B2 with a bash launch script prepended (ZipFile reads it, a stream reader would not). */
  public static Path b5BootLaunchScript(Path dir) {
    return bootJar("org.springframework.boot.loader.JarLauncher", "2.7.18", 8, 17)
        .prefix("#!/bin/bash\n# Spring Boot launch script\nexec java -jar \"$0\" \"$@\"\nexit 0\n")
        .write(dir.resolve("b5-boot-script/shop-2.7.18.jar"));
  }

  /** B4 boot13: Boot 1.3.8 layout, launcher in {@code org.springframework.boot.loader}, libraries in root {@code lib/}. */
  public static Path b4Boot13(Path dir) {
    return JarAssembler.create().manifest("Main-Class", "org.springframework.boot.loader.JarLauncher")
        .manifest("Start-Class", "com.acme.shop.ShopApp")
        .classes("", SampleCompiler.compile(8, Map.of("org.springframework.boot.loader.JarLauncher",
            "package org.springframework.boot.loader; public class JarLauncher {"
                + " public static void main(String[] a) {} }")))
        .classes("", SampleCompiler.compile(8, Map.of("com.acme.shop.ShopApp",
            "package com.acme.shop; public class ShopApp { public static void main(String[] a) {} }")))
        .entry("lib/spring-core-4.2.8.RELEASE.jar", read(library(8, "org.springframework.core.Core",
            dir.resolve("b4-parts/core.jar"))))
        .write(dir.resolve("b4-boot13/shop-1.3.8.jar"));
  }

  /** B6 boot war: {@code WEB-INF/lib-provided/} and {@code …loader.WarLauncher}: runnable, also deployable. */
  public static Path b6BootWar(Path dir) {
    return war("javax", 8, "<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\"/>\n")
        .manifest("Main-Class", "org.springframework.boot.loader.WarLauncher")
        .manifest("Start-Class", "com.acme.portal.PortalApp").manifest("Spring-Boot-Version", "2.7.18")
        .entry("WEB-INF/lib-provided/tomcat-embed-core-9.0.83.jar", read(library(8, "org.apache.catalina.Server",
            dir.resolve("b6-parts/tomcat.jar"))))
        .write(dir.resolve("b6-boot-war/portal-2.7.18.war"));
  }

  /**
   * J1: shaded release-8 jar whose first entries are {@code META-INF/versions/11/…} (major 55) and
   * {@code META-INF/versions/9/module-info.class}: floor 8, not 11.
   */
  public static Path j1MultiRelease(Path dir) {
    Map<String, byte[]> v11 = SampleCompiler.compile(11, Map.of("com.acme.mr.Util",
        "package com.acme.mr; public class Util { public static String v() { return \"11\"; } }"));
    Map<String, byte[]> info = SampleCompiler.compile(11, Map.of("module-info", "module com.acme.mr {}",
        "com.acme.mr.Util", "package com.acme.mr; public class Util {}"));
    return JarAssembler.create().manifest("Main-Class", "com.acme.mr.Main").manifest("Multi-Release", "true")
        .classes("META-INF/versions/11/", v11)
        .entry("META-INF/versions/9/module-info.class", info.get("module-info.class"))
        .classes("", SampleCompiler.compile(8, Map.of("com.acme.mr.Main",
            "package com.acme.mr; public class Main { public static void main(String[] a) {} }",
            "com.acme.mr.Util", "package com.acme.mr; public class Util { public static String v() { return \"8\"; } }")))
        .write(dir.resolve("j1-multi-release/mr-1.0.jar"));
  }

  /** J2: a shaded jar whose classes are patched to class-file major {@code major} (65 = Java 21, 69 = 25 …). */
  public static Path j2PatchedMajor(Path dir, int major) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    SampleCompiler.compile(17, Map.of("com.acme.Main",
        "package com.acme; public class Main { public static void main(String[] a) {} }"))
        .forEach((n, b) -> classes.put(n, ClassFiles.withMajor(b, major)));
    return JarAssembler.create().manifest("Main-Class", "com.acme.Main").classes("", classes)
        .write(dir.resolve("j2-major-" + major + "/app-1.0.jar"));
  }

  /** J3: app release 8 in {@code lib/app-1.0.jar} with {@code lib/} holding one release-11 library (libdir). */
  public static Path j3LibraryFloor(Path dir) {
    Path root = dir.resolve("j3-library-floor");
    execJar(8, "com.acme.App", root.resolve("app-1.0.jar"));
    library(11, "com.acme.lib.Eleven", root.resolve("lib/eleven-1.0.jar"));
    return root;
  }

  /** L4c: a WAR without {@code web.xml}, servlet classes referencing javax (one signal: MEDIUM). */
  public static Path l4cNoWebXml(Path dir) {
    Map<String, byte[]> api = servletApi("javax", 8);
    return JarAssembler.create().classes("WEB-INF/classes/", SampleCompiler.compile(8, Map.of(
        "com.acme.portal.PortalServlet", "package com.acme.portal; public class PortalServlet extends"
            + " javax.servlet.http.HttpServlet {}"), api))
        .write(dir.resolve("l4c-no-web-xml/portal.war"));
  }

  /** G2: Gradle {@code sourceCompatibility = '1.8'}, jar release 8: jdk 8, never "1.8". */
  public static Path g2GradleJava8(Path dir) {
    Path root = dir.resolve("g2-gradle-java8");
    text(root.resolve("build.gradle"), "plugins { id 'java' }\nsourceCompatibility = '1.8'\n", false);
    execJar(8, "com.acme.App", root.resolve("build/libs/app-0.2.jar"));
    return root;
  }

  /** N2: a Vite site: {@code package.json} with only a {@code build} script (static, built in a Node stage). */
  public static Path n2Vite(Path dir) {
    Path root = dir.resolve("n2-vite");
    text(root.resolve("package.json"), """
        { "name": "site", "scripts": { "build": "vite build" }, "devDependencies": { "vite": "5.0.0" } }
        """, false);
    text(root.resolve("index.html"), "<!doctype html><div id=app></div>\n", false);
    text(root.resolve("src/main.js"), "document.getElementById('app').textContent = 'vite';\n", false);
    return root;
  }

  /** P2: poetry {@code pyproject.toml}, {@code manage.py}, {@code site/wsgi.py} (Django). */
  public static Path p2Django(Path dir) {
    Path root = dir.resolve("p2-django");
    text(root.resolve("pyproject.toml"), "[tool.poetry]\nname = \"shop\"\n[tool.poetry.dependencies]\n"
        + "django = \"^4.2\"\n", false);
    text(root.resolve("manage.py"), "import sys\nfrom django.core.management import execute_from_command_line\n",
        false);
    text(root.resolve("site/wsgi.py"), "from django.core.wsgi import get_wsgi_application\n"
        + "application = get_wsgi_application()\n", false);
    return root;
  }

  // ---------------------------------------------------------------- Build trees, ambiguity, errors

  /** A1: two runnable jars in {@code target/} plus sources/original/plain jars (exit 4). */
  public static Path a1Ambiguous(Path dir) {
    Path root = dir.resolve("a1-ambiguous");
    text(root.resolve("pom.xml"), pom("app", "8"), false);
    execJar(8, "com.acme.App", root.resolve("target/app-1.0.jar"));
    execJar(8, "com.acme.Tool", root.resolve("target/tool-1.0.jar"));
    JarAssembler.create().text("com/acme/App.java", "class App {}").write(root.resolve("target/app-1.0-sources.jar"));
    execJar(8, "com.acme.App", root.resolve("target/original-app-1.0.jar"));
    execJar(8, "com.acme.App", root.resolve("target/app-1.0-plain.jar"));
    return root;
  }

  /** A2: a Maven tree with one shaded jar {@code target/app-1.0.0.jar} (release 8); port <b>8084</b> (NO_PORT). */
  public static Path a2SingleJar(Path dir) {
    Path root = dir.resolve("a2-single-jar");
    text(root.resolve("pom.xml"), pom("app", "8"), false);
    text(root.resolve("src/main/java/com/acme/App.java"), "package com.acme;\nclass App {}\n", false);
    JarAssembler.create().manifest("Main-Class", "com.acme.App").manifest("Build-Jdk-Spec", "1.8")
        .classes("", httpMain(8, "com.acme.App", "8084", "app ok", false))
        .write(root.resolve("target/app-1.0.0.jar"));
    return root;
  }

  /**
   * G1: {@code build.gradle.kts} (toolchain 17), no {@code gradlew}, {@code build/libs/app-0.1.jar} (release 17)
   * and {@code app-0.1-plain.jar}. Port <b>8087</b> (not detectable from a plain jar: NO_PORT).
   */
  public static Path g1Gradle(Path dir) {
    Path root = dir.resolve("g1-gradle");
    text(root.resolve("build.gradle.kts"), """
        plugins { application }
        java { toolchain { languageVersion.set(JavaLanguageVersion.of(17)) } }
        application { mainClass.set("com.acme.App") }
        """, false);
    text(root.resolve("settings.gradle.kts"), "rootProject.name = \"app\"\n", false);
    JarAssembler.create().manifest("Main-Class", "com.acme.App")
        .classes("", httpMain(17, "com.acme.App", "8087", "gradle app ok", false))
        .write(root.resolve("build/libs/app-0.1.jar"));
    JarAssembler.create().classes("", SampleCompiler.compile(17, Map.of("com.acme.Plain",
        "package com.acme; public class Plain {}"))).write(root.resolve("build/libs/app-0.1-plain.jar"));
    return root;
  }

  /**
   * M1: root pom with modules common/api/web/batch, {@code maven.compiler.release=11}; built
   * {@code web/target/web-2.7.18.jar} (Boot) and {@code batch/target/batch-2.7.18.jar} (shaded), classes release 11.
   */
  public static Path m1Multimodule(Path dir) {
    Path root = dir.resolve("m1-multimodule");
    text(root.resolve("pom.xml"), """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.acme</groupId><artifactId>parent</artifactId><version>2.7.18</version>
          <packaging>pom</packaging>
          <properties><maven.compiler.release>11</maven.compiler.release></properties>
          <modules><module>common</module><module>api</module><module>web</module><module>batch</module></modules>
        </project>
        """, false);
    for (String m : new String[] {"common", "api", "web", "batch"}) {
      text(root.resolve(m + "/pom.xml"), pom(m, "11"), false);
    }
    bootJar("org.springframework.boot.loader.JarLauncher", "2.7.18", 8, 11)
        .write(root.resolve("web/target/web-2.7.18.jar"));
    execJar(11, "com.acme.batch.Batch", root.resolve("batch/target/batch-2.7.18.jar"));
    library(11, "com.acme.common.Common", root.resolve("common/target/common-2.7.18.jar"));
    return root;
  }

  /** M2: {@code pom.xml} and {@code src/}, never built (exit 8 "not built"). */
  public static Path m2NotBuilt(Path dir) {
    Path root = dir.resolve("m2-not-built");
    text(root.resolve("pom.xml"), pom("app", "17"), false);
    text(root.resolve("src/main/java/com/acme/App.java"), "package com.acme;\npublic class App {}\n", false);
    return root;
  }

  /** E1: an {@code .ear} with {@code META-INF/application.xml} (exit 5). */
  public static Path e1Ear(Path dir) {
    return JarAssembler.create().text("META-INF/application.xml", "<application><module><web><web-uri>w.war"
        + "</web-uri></web></module></application>\n").write(dir.resolve("e1-ear/shop.ear"));
  }

  /** U1: {@code lib/} with 3 plain jars, only {@code bin/start.bat}, a README (exit 3, near miss). */
  public static Path u1Unknown(Path dir) {
    Path root = dir.resolve("u1-unknown");
    library(8, "com.acme.x.X", root.resolve("lib/x-1.0.jar"));
    library(8, "com.acme.y.Y", root.resolve("lib/y-1.0.jar"));
    library(8, "com.acme.z.Z", root.resolve("lib/z-1.0.jar"));
    text(root.resolve("bin/start.bat"), "@echo off\r\njava -cp lib\\* com.acme.x.X\r\n", false);
    text(root.resolve("README"), "Start with bin\\start.bat\n", false);
    return root;
  }

  /** A jar whose zip central directory is cut off (exit 8, no stack trace). */
  public static Path corruptJar(Path dir) {
    Path jar = execJar(8, "com.acme.App", dir.resolve("corrupt/app-1.0.jar"));
    byte[] b = read(jar);
    write(jar, java.util.Arrays.copyOf(b, b.length / 2));
    return jar;
  }

  // ---------------------------------------------------------------- Other stacks

  /**
   * N1: {@code package.json} ({@code start: node server.js}, {@code engines >=18}, no dependencies), lockfile,
   * {@code .nvmrc}, {@code server.js} with the http module on {@code PORT || 3000}. Port <b>3000</b>.
   */
  public static Path n1Node(Path dir) {
    Path root = dir.resolve("n1-node");
    text(root.resolve("package.json"), """
        {
          "name": "hello-node",
          "version": "1.0.0",
          "main": "server.js",
          "scripts": { "start": "node server.js" },
          "engines": { "node": ">=18" }
        }
        """, false);
    text(root.resolve("package-lock.json"), """
        { "name": "hello-node", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": { "": { "name": "hello-node", "version": "1.0.0", "engines": { "node": ">=18" } } } }
        """, false);
    text(root.resolve(".nvmrc"), "18\n", false);
    text(root.resolve("server.js"), """
        const http = require('http');
        const port = process.env.PORT || 3000;
        http.createServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('node ok\\n');
        }).listen(port, () => console.log('listening on ' + port));
        """, false);
    return root;
  }

  /** N3: a pnpm workspace with two startable apps ({@code apps/web}, {@code apps/api}): exit 4. */
  public static Path n3PnpmWorkspace(Path dir) {
    Path root = dir.resolve("n3-pnpm-workspace");
    text(root.resolve("package.json"), "{ \"name\": \"mono\", \"private\": true, \"scripts\": { \"start\":"
        + " \"pnpm -r start\" } }\n", false);
    text(root.resolve("pnpm-workspace.yaml"), "packages:\n  - 'apps/*'\n", false);
    text(root.resolve("pnpm-lock.yaml"), "lockfileVersion: '6.0'\n", false);
    for (String app : new String[] {"web", "api"}) {
      text(root.resolve("apps/" + app + "/package.json"), "{ \"name\": \"" + app + "\", \"scripts\": {"
          + " \"start\": \"node server.js\" } }\n", false);
      text(root.resolve("apps/" + app + "/server.js"), "require('http').createServer((q, r) => r.end('ok'))"
          + ".listen(3000);\n", false);
    }
    return root;
  }

  /** P1: {@code requirements.txt} (flask, gunicorn), Flask {@code app.py}, no {@code setup.py}. Port <b>8000</b>. */
  public static Path p1Python(Path dir) {
    Path root = dir.resolve("p1-python");
    text(root.resolve("requirements.txt"), "flask\ngunicorn\n", false);
    text(root.resolve("app.py"), """
        from flask import Flask

        app = Flask(__name__)


        @app.route("/")
        def index():
            return "python ok\\n"


        if __name__ == "__main__":
            app.run(host="0.0.0.0", port=8000)
        """, false);
    return root;
  }

  /** O1: {@code go.mod} ({@code go 1.19}) and a stdlib-only {@code main.go}. Port <b>8080</b>. */
  public static Path o1Go(Path dir) {
    Path root = dir.resolve("o1-go");
    text(root.resolve("go.mod"), "module example.com/hello\n\ngo 1.19\n", false);
    text(root.resolve("main.go"), goMain("go ok"), false);
    return root;
  }

  /** O2: {@code cmd/api} and {@code cmd/worker}, two main packages (exit 4). */
  public static Path o2GoTwoMains(Path dir) {
    Path root = dir.resolve("o2-go-two-mains");
    text(root.resolve("go.mod"), "module example.com/two\n\ngo 1.19\n", false);
    text(root.resolve("cmd/api/main.go"), goMain("api ok"), false);
    text(root.resolve("cmd/worker/main.go"), goMain("worker ok"), false);
    return root;
  }

  /** S1: {@code index.html} and {@code assets/site.css}; the static base serves it on port <b>8080</b>. */
  public static Path s1Static(Path dir) {
    Path root = dir.resolve("s1-static");
    text(root.resolve("index.html"), "<!doctype html>\n<html><head><link rel=\"stylesheet\" href=\"assets/site.css\">"
        + "</head><body><h1>static ok</h1></body></html>\n", false);
    text(root.resolve("assets/site.css"), "h1 { color: teal; }\n", false);
    return root;
  }

  // ---------------------------------------------------------------- parts

  /**
   * A main class serving 200 with {@code body} on {@code -Dhttp.port} (default {@code port}); with {@code log}, it
   * appends a start line to {@code ${log.dir}/app.log}. Java 7 source: no lambdas.
   */
  static Map<String, byte[]> httpMain(int release, String className, String port, String body, boolean log) {
    int dot = className.lastIndexOf('.');
    String pkg = className.substring(0, dot);
    String simple = className.substring(dot + 1);
    String logging = !log ? "" : """
            String dir = System.getProperty("log.dir");
            if (dir != null) {
              try {
                java.io.FileWriter w = new java.io.FileWriter(new java.io.File(dir, "app.log"), true);
                w.write("started on port " + port + "\\n");
                w.close();
              } catch (IOException e) {
                System.err.println("cannot write " + dir + ": " + e);
              }
            }
        """;
    String source = """
        package %s;

        import com.sun.net.httpserver.HttpExchange;
        import com.sun.net.httpserver.HttpHandler;
        import com.sun.net.httpserver.HttpServer;
        import java.io.IOException;
        import java.io.OutputStream;
        import java.net.InetSocketAddress;

        public class %s {
          public static void main(String[] args) throws Exception {
            final int port = Integer.parseInt(System.getProperty("http.port", "%s"));
        %s
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/", new HttpHandler() {
              public void handle(HttpExchange exchange) throws IOException {
                byte[] bytes = "%s\\n".getBytes("UTF-8");
                exchange.sendResponseHeaders(200, bytes.length);
                OutputStream out = exchange.getResponseBody();
                out.write(bytes);
                out.close();
              }
            });
            server.start();
            System.out.println("listening on " + port);
          }
        }
        """.formatted(pkg, simple, port, logging, body);
    return SampleCompiler.compile(release, Map.of(className, source));
  }

  /** A library jar holding one empty class, no manifest. */
  static Path library(int release, String className, Path jar) {
    int dot = className.lastIndexOf('.');
    return JarAssembler.create().classes("", SampleCompiler.compile(release, Map.of(className,
        "package " + className.substring(0, dot) + "; public class " + className.substring(dot + 1) + " {}")))
        .write(jar);
  }

  /** A shaded executable jar: Main-Class, one class, no Class-Path. */
  static Path execJar(int release, String mainClass, Path jar) {
    int dot = mainClass.lastIndexOf('.');
    return JarAssembler.create().manifest("Main-Class", mainClass)
        .classes("", SampleCompiler.compile(release, Map.of(mainClass, "package " + mainClass.substring(0, dot)
            + "; public class " + mainClass.substring(dot + 1) + " { public static void main(String[] a) {} }")))
        .write(jar);
  }

  /** A Boot jar: manifest, loader stubs (release {@code loaderRelease}) first, then the app's classes. */
  static JarAssembler bootJar(String launcher, String bootVersion, int loaderRelease, int appRelease) {
    int dot = launcher.lastIndexOf('.');
    Map<String, String> loader = new LinkedHashMap<>();
    loader.put(launcher, "package " + launcher.substring(0, dot) + "; public class " + launcher.substring(dot + 1)
        + " { public static void main(String[] a) {} }");
    return JarAssembler.create().manifest("Main-Class", launcher).manifest("Start-Class", "com.acme.shop.ShopApp")
        .manifest("Spring-Boot-Version", bootVersion).manifest("Spring-Boot-Classes", "BOOT-INF/classes/")
        .manifest("Spring-Boot-Lib", "BOOT-INF/lib/")
        .classes("", SampleCompiler.compile(loaderRelease, loader))
        .classes("BOOT-INF/classes/", SampleCompiler.compile(appRelease, Map.of("com.acme.shop.ShopApp",
            "package com.acme.shop; public class ShopApp { public static void main(String[] a) {} }")));
  }

  /** A WAR assembler: web.xml and a servlet compiled against the {@code namespace} servlet API stub. */
  static JarAssembler war(String namespace, int release, String webXml) {
    Map<String, byte[]> api = servletApi(namespace, release);
    Map<String, byte[]> servlet = SampleCompiler.compile(release, Map.of("com.acme.portal.PortalServlet", """
        package com.acme.portal;

        import java.io.IOException;
        import %1$s.servlet.ServletException;
        import %1$s.servlet.http.HttpServlet;
        import %1$s.servlet.http.HttpServletRequest;
        import %1$s.servlet.http.HttpServletResponse;

        public class PortalServlet extends HttpServlet {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws ServletException, IOException {
            response.setStatus(200);
            response.setContentType("text/plain");
            response.getWriter().println("portal ok");
          }
        }
        """.formatted(namespace)), api);
    return JarAssembler.create().manifest("Created-By", "Apache Maven")
        .text("WEB-INF/web.xml", webXml).classes("WEB-INF/classes/", servlet);
  }

  /** A compile-only stub of the servlet API in {@code javax} or {@code jakarta}; Tomcat gives the real one. */
  static Map<String, byte[]> servletApi(String namespace, int release) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(namespace + ".servlet.ServletException",
        "package " + namespace + ".servlet; public class ServletException extends Exception {}");
    s.put(namespace + ".servlet.http.HttpServlet", "package " + namespace + ".servlet.http;"
        + " public abstract class HttpServlet { protected void doGet(HttpServletRequest q, HttpServletResponse r)"
        + " throws " + namespace + ".servlet.ServletException, java.io.IOException {} }");
    s.put(namespace + ".servlet.http.HttpServletRequest",
        "package " + namespace + ".servlet.http; public interface HttpServletRequest {}");
    s.put(namespace + ".servlet.http.HttpServletResponse", "package " + namespace + ".servlet.http;"
        + " public interface HttpServletResponse { void setStatus(int s); void setContentType(String t);"
        + " java.io.PrintWriter getWriter() throws java.io.IOException; }");
    return SampleCompiler.compile(release, s);
  }

  private static String pom(String artifactId, String release) {
    return """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.acme</groupId><artifactId>%s</artifactId><version>1.0</version>
          <properties><maven.compiler.release>%s</maven.compiler.release></properties>
        </project>
        """.formatted(artifactId, release);
  }

  private static String goMain(String body) {
    return """
        package main

        import (
        	"fmt"
        	"log"
        	"net/http"
        	"os"
        )

        func main() {
        	port := os.Getenv("PORT")
        	if port == "" {
        		port = "8080"
        	}
        	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
        		fmt.Fprintln(w, "%s")
        	})
        	log.Printf("listening on %%s", port)
        	log.Fatal(http.ListenAndServe(":"+port, nil))
        }
        """.formatted(body);
  }

  private static void text(Path file, String content, boolean executable) {
    mkdirs(file.getParent());
    write(file, content.getBytes(StandardCharsets.UTF_8));
    if (executable) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException | UnsupportedOperationException e) {
        file.toFile().setExecutable(true);
      }
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file, boolean text) {
    return new String(read(file), StandardCharsets.UTF_8);
  }

  private static void unzip(Path zip, Path into) {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      for (var e : java.util.Collections.list(z.entries())) {
        Path target = into.resolve(e.getName());
        if (e.isDirectory()) {
          mkdirs(target);
          continue;
        }
        mkdirs(target.getParent());
        write(target, z.getInputStream(e).readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
