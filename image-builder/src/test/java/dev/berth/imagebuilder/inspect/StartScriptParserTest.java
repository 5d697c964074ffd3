package dev.berth.imagebuilder.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartScriptParserTest {

  @TempDir Path root;

  private StartCommand parse(String file, String text) throws Exception {
    Path p = root.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return StartScriptParser.parse(root, p);
  }

  @Test
  void nohupBackgroundRedirectsAndPidFile_removed() throws Exception {
    StartCommand c = parse("bin/start.sh", """
        #!/bin/sh
        JAVA_HOME=/opt/jdk
        nohup $JAVA_HOME/bin/java -Xmx1g -cp "../lib/*" a.Main >> ../logs/app.log 2>&1 &
        echo $! > ../app.pid
        """);
    assertThat(c.javaLine()).isEqualTo(3);
    assertThat(c.javaArgs()).containsExactly("-Xmx1g", "-cp", "../lib/*", "a.Main");
    assertThat(c.workdir()).isEqualTo("/app/bin");
    assertThat(c.resolve("../lib/*")).isEqualTo("/app/lib/*");
    assertThat(c.removed()).contains("nohup", "redirect >> ../logs/app.log", "redirect 2>&1", "& (background)",
        "pid file ../app.pid");
    assertThat(c.unresolved()).isEmpty();
  }

  @Test
  void gradleStyleAppHome_andQuotedDefaultOpts() throws Exception {
    StartCommand c = parse("bin/app", """
        #!/bin/sh
        APP_HOME=$(cd "$(dirname "$0")/.." && pwd)
        DEFAULT_JVM_OPTS='"-Xmx256m"'
        CLASSPATH=$APP_HOME/lib/app.jar
        exec java $DEFAULT_JVM_OPTS $JAVA_OPTS -classpath "$CLASSPATH" a.Main "$@"
        """);
    assertThat(c.javaArgs()).containsExactly("-Xmx256m", "-classpath", "/app/lib/app.jar", "a.Main");
    assertThat(c.unsetVariables()).containsExactly("JAVA_OPTS");
  }

  @Test
  void cdDirnameThenJar() throws Exception {
    StartCommand c = parse("start.sh", "#!/bin/sh\ncd $(dirname $0); java -jar orders.jar\n");
    assertThat(c.workdir()).isEqualTo("/app");
    assertThat(c.resolve("orders.jar")).isEqualTo("/app/orders.jar");
  }

  @Test
  void sourcedFileInsideTheInput_isRead() throws Exception {
    parse("bin/env.sh", "PORT_OPT=-Dhttp.port=9000\n");
    StartCommand c = parse("bin/run.sh", "#!/bin/sh\n. ./env.sh\njava $PORT_OPT -cp x a.Main\n");
    assertThat(c.javaArgs()).startsWith("-Dhttp.port=9000");
    assertThat(c.unresolved()).isEmpty();
  }

  @Test
  void commandSubstitutionBeforeJava_unresolvedWithLineNumber() throws Exception {
    StartCommand c = parse("bin/run.sh", "#!/bin/sh\nHOST=$(hostname)\njava -cp x a.Main\n");
    assertThat(c.unresolvedLine()).isEqualTo(2);
    assertThat(c.unresolved()).containsExactly("2: HOST=$(hostname)");
  }

  @Test
  void scriptWithoutJava_doesNotRunJava() throws Exception {
    assertThat(parse("bin/stop.sh", "#!/bin/sh\nkill $(cat ../app.pid)\n").runsJava()).isFalse();
  }

  @Test
  void forLoopOverJars_isTheClasspathWildcard() throws Exception {
    StartCommand c = parse("bin/run.sh", """
        #!/bin/sh
        for f in ../lib/*.jar
        do
          CP="$CP:$f"
        done
        java -cp "$CP" a.Main
        """);
    assertThat(c.javaArgs()).containsExactly("-cp", ":../lib/*", "a.Main");
    assertThat(c.unresolved()).isEmpty();
    assertThat(c.unsetVariables()).isEmpty();
  }
}
