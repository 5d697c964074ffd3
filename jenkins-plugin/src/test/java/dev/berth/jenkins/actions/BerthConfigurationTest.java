package dev.berth.jenkins.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.jenkins.cluster.MasterConnection;
import hudson.util.Secret;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

class BerthConfigurationTest {

  @Test
  void configuredValues_standInForTheControllersVariables() throws Exception {
    Map<String, String> env = Map.of("BERTH_MASTER_URL", "http://env:7070", "BERTH_TOKEN", "env-token", "PATH", "/bin");

    Map<String, String> merged = BerthConfiguration.merge(env, " http://configured:7070 ", "configured-token");

    assertThat(merged).containsEntry("BERTH_MASTER_URL", "http://configured:7070")
        .containsEntry("BERTH_TOKEN", "configured-token").containsEntry("PATH", "/bin");
    MasterConnection master = MasterConnection.from(Map.of(), merged);
    assertThat(master.url().toString()).isEqualTo("http://configured:7070");
    assertThat(master.toString()).doesNotContain("configured-token");
  }

  @Test
  void blankConfiguration_keepsTheEnvironment_andTheBuildStillComesFirst() throws Exception {
    Map<String, String> env = Map.of("BERTH_MASTER_URL", "http://env:7070", "BERTH_TOKEN", "env-token");

    Map<String, String> merged = BerthConfiguration.merge(env, "  ", null);

    assertThat(merged).isEqualTo(env);
    MasterConnection master = MasterConnection.from(Map.of("BERTH_MASTER_URL", "http://build:7070"), merged);
    assertThat(master.url().toString()).isEqualTo("http://build:7070");
    assertThat(master.token()).isEqualTo("env-token");
  }

  @Test
  void outsideJenkins_controllerSettingsAreTheEnvironment() {
    assertThat(BerthConfiguration.controllerSettings()).isEqualTo(System.getenv());
  }

  @Test
  void persistedFields_theTokenIsASecret() {
    List<String> fields = new ArrayList<>();
    for (Field f : BerthConfiguration.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        fields.add(f.getName() + ":" + f.getType().getSimpleName());
      }
    }
    assertThat(fields).containsExactlyInAnyOrder("masterUrl:String", "token:Secret");
  }

  @Test
  void form_fieldsAreTheBoundSetters_eachWithHelp() throws Exception {
    String jelly;
    try (InputStream in = BerthConfiguration.class.getResourceAsStream("BerthConfiguration/config.jelly")) {
      jelly = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> formFields = new ArrayList<>();
    Matcher m = Pattern.compile("field=\"(\\w+)\"").matcher(jelly);
    while (m.find()) {
      formFields.add(m.group(1));
    }
    List<String> setters = new ArrayList<>();
    for (var method : BerthConfiguration.class.getDeclaredMethods()) {
      if (method.isAnnotationPresent(DataBoundSetter.class)) {
        String name = method.getName().substring(3);
        setters.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
    }
    assertThat(formFields).containsExactlyInAnyOrderElementsOf(setters).contains("masterUrl", "token");
    for (String field : formFields) {
      assertThat(BerthConfiguration.class.getResource("BerthConfiguration/help-" + field + ".html"))
          .as("help for %s", field).isNotNull();
    }
    assertThat(BerthConfiguration.class.getMethod("setToken", Secret.class)).isNotNull();
    assertThat(jelly).contains("<f:password/>");
  }
}
