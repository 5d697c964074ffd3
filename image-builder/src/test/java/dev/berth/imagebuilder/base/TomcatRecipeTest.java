package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomcatRecipeTest {

  @Test
  void command_startsBootstrapInExecForm_likeCatalinaShRun() {
    List<String> cmd = TomcatRecipe.command();
    assertThat(cmd.get(0)).isEqualTo("java");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size()))
        .containsExactly("org.apache.catalina.startup.Bootstrap", "start");
    assertThat(cmd)
        .contains(
            "-Dcatalina.home=/usr/local/tomcat",
            "-Dcatalina.base=/usr/local/tomcat",
            "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED");
    int cp = cmd.indexOf("-classpath");
    assertThat(cmd.get(cp + 1))
        .isEqualTo("/usr/local/tomcat/bin/bootstrap.jar:/usr/local/tomcat/bin/tomcat-juli.jar");
  }

  @Test
  void relative_stripsTheDistributionsTopFolder() {
    assertThat(TomcatRecipe.relative("apache-tomcat-9.0.98/")).isNull();
    assertThat(TomcatRecipe.relative("apache-tomcat-9.0.98/conf/server.xml")).isEqualTo("conf/server.xml");
    assertThat(TomcatRecipe.relative("apache-tomcat-9.0.98/logs/")).isEqualTo("logs");
  }

  @Test
  void sampleWebappsAndWindowsScripts_areSkipped_butTheWebappsFolderStays() {
    assertThat(TomcatRecipe.skipped("webapps/ROOT/index.jsp")).isTrue();
    assertThat(TomcatRecipe.skipped("webapps/examples")).isTrue();
    assertThat(TomcatRecipe.skipped("bin/catalina.bat")).isTrue();
    assertThat(TomcatRecipe.skipped("webapps")).isFalse();
    assertThat(TomcatRecipe.skipped("bin/catalina.sh")).isFalse();
  }

  @Test
  void writable_coversWhereTomcatWrites_andNothingElse() {
    assertThat(TomcatRecipe.writable("work")).isTrue();
    assertThat(TomcatRecipe.writable("logs/catalina.out")).isTrue();
    assertThat(TomcatRecipe.writable("conf/Catalina/localhost")).isTrue();
    assertThat(TomcatRecipe.writable("conf/server.xml")).isFalse();
    assertThat(TomcatRecipe.writable("lib/catalina.jar")).isFalse();
    assertThat(TomcatRecipe.writable("workers")).isFalse();
  }

  @Test
  void checksumFiles_bareOrWithFileName() {
    assertThat(TomcatDistribution.parseChecksum("abc123\n")).isEqualTo("abc123");
    assertThat(TomcatDistribution.parseChecksum("abc123  tomcat-9.0.98.tar.gz\n")).isEqualTo("abc123");
  }

  @Test
  void uri_isTheMavenCentralTarGz() {
    assertThat(new TomcatDistribution("9.0.98", TomcatDistribution.CENTRAL).uri().toString())
        .isEqualTo(
            "https://repo.maven.apache.org/maven2/org/apache/tomcat/tomcat/9.0.98/tomcat-9.0.98.tar.gz");
  }
}
