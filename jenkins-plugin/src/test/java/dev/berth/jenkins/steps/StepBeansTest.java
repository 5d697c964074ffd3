package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The step beans as Pipeline and the Snippet Generator see them: arguments, getters, forms, help and descriptors.
 */
class StepBeansTest {

  static final List<Class<? extends Step>> STEPS = List.of(
      BerthDetectStep.class, BerthDockerfileStep.class, BerthBuildStep.class, BerthDeployStep.class,
      BerthStatusStep.class);

  static List<Class<? extends Step>> steps() {
    return STEPS;
  }

  /** Constructor parameters (required) then setter properties (optional), as Pipeline binds named arguments. */
  static Map<String, Boolean> arguments(Class<?> step) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    Constructor<?> ctor = dataBoundConstructor(step);
    for (Parameter p : ctor.getParameters()) {
      assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
      out.put(p.getName(), true);
    }
    for (Method m : step.getMethods()) {
      if (m.isAnnotationPresent(DataBoundSetter.class)) {
        assertThat(m.getName()).startsWith("set");
        assertThat(m.getParameterCount()).isEqualTo(1);
        out.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), false);
      }
    }
    return out;
  }

  static Constructor<?> dataBoundConstructor(Class<?> step) {
    List<Constructor<?>> found = new ArrayList<>();
    for (Constructor<?> c : step.getConstructors()) {
      if (c.isAnnotationPresent(DataBoundConstructor.class)) {
        found.add(c);
      }
    }
    assertThat(found).as("one @DataBoundConstructor on %s", step.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @ParameterizedTest
  @MethodSource("steps")
  void everyArgument_hasGetterFormFieldAndHelp(Class<? extends Step> step) throws Exception {
    Set<String> arguments = new TreeSet<>(arguments(step).keySet());
    String folder = step.getSimpleName() + "/";
    Set<String> fields = new TreeSet<>();
    Element root;
    try (InputStream in = step.getResourceAsStream(folder + "config.jelly")) {
      assertThat(in).as("%sconfig.jelly", folder).isNotNull();
      root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
    }
    NodeList entries = root.getElementsByTagName("f:entry");
    for (int i = 0; i < entries.getLength(); i++) {
      fields.add(((Element) entries.item(i)).getAttribute("field"));
    }
    assertThat(fields).isEqualTo(arguments);
    assertThat(step.getResource(folder + "help.html")).isNotNull();
    for (String a : arguments) {
      assertThat(step.getResource(folder + "help-" + a + ".html")).as("help-%s.html", a).isNotNull();
      String suffix = Character.toUpperCase(a.charAt(0)) + a.substring(1);
      Method getter = getter(step, suffix);
      assertThat(getter).as("public getter for %s (the Snippet Generator reads it)", a).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("steps")
  void descriptor_isAPublicStaticExtensionNamingABerthFunction(Class<? extends Step> step) throws Exception {
    Class<?> d = Class.forName(step.getName() + "$DescriptorImpl");
    assertThat(Modifier.isPublic(d.getModifiers()) && Modifier.isStatic(d.getModifiers())).isTrue();
    assertThat(d.isAnnotationPresent(hudson.Extension.class)).isTrue();
    StepDescriptor descriptor = (StepDescriptor) d.getConstructor().newInstance();
    assertThat(descriptor.getFunctionName()).startsWith("berth")
        .isEqualTo("berth" + step.getSimpleName().replaceFirst("^Berth", "").replaceFirst("Step$", ""));
    assertThat(descriptor.getDisplayName()).startsWith("Berth: ");
    Set<Object> context = Set.copyOf(descriptor.getRequiredContext());
    assertThat(context).contains(hudson.model.TaskListener.class);
  }

  @Test
  void everyJelly_startsWithTheEscapePragma() throws Exception {
    List<String> jellies = new ArrayList<>();
    for (Class<? extends Step> step : STEPS) {
      jellies.add(step.getSimpleName() + "/config.jelly");
    }
    for (String j : jellies) {
      try (InputStream in = BerthDetectStep.class.getResourceAsStream(j)) {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).as(j).startsWith("<?jelly escape-by-default='true'?>");
      }
    }
    try (InputStream in = BerthDetectStep.class.getResourceAsStream("/index.jelly")) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("<?jelly escape-by-default='true'?>");
    }
  }

  @Test
  void messages_everyPatternFormats() {
    StepMessages.messages().forEach((k, v) -> new MessageFormat((String) v));
    assertThat(StepMessages.format("workspace.dirEscapes", "berthDetect", "../x")).contains("dir '../x' leaves");
  }

  @Test
  void detect_setters_readBackThroughGetters() {
    BerthDetectStep s = new BerthDetectStep();
    assertThat(s.getDir()).isEmpty();
    assertThat(s.isFailOnLowConfidence()).isFalse();
    s.setDir(" app ");
    s.setFailOnLowConfidence(true);
    assertThat(s.getDir()).isEqualTo("app");
    assertThat(s.isFailOnLowConfidence()).isTrue();
  }

  @Test
  void dockerfile_setters_readBackThroughGetters() {
    BerthDockerfileStep s = new BerthDockerfileStep();
    s.setDir("svc");
    s.setBaseImage("eclipse-temurin:17-jre");
    s.setOverwrite(true);
    assertThat(s.getDir()).isEqualTo("svc");
    assertThat(s.getBaseImage()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(s.isOverwrite()).isTrue();
  }

  @Test
  void build_defaultsSettersAndBadBuilder() {
    BerthBuildStep s = new BerthBuildStep("registry.internal:5000/shop");
    assertThat(s.getImage()).isEqualTo("registry.internal:5000/shop");
    assertThat(s.getBuilder()).isEqualTo("auto");
    assertThat(s.isPush()).isFalse();
    s.setBuilder("JIB");
    s.setTags("1.4, latest");
    s.setPush(true);
    s.setDir("shop");
    assertThat(s.getBuilder()).isEqualTo("jib");
    assertThat(s.getTags()).isEqualTo("1.4, latest");
    assertThat(s.isPush()).isTrue();
    assertThat(s.getDir()).isEqualTo("shop");
    assertThatThrownBy(() -> s.setBuilder("kaniko")).hasMessageContaining("builder 'kaniko' is not one of");
  }

  @Test
  void deploy_defaultsSettersAndBadValues() {
    BerthDeployStep s = new BerthDeployStep("shop");
    assertThat(s.getApp()).isEqualTo("shop");
    assertThat(s.isWait()).isTrue();
    assertThat(s.getTimeoutSeconds()).isEqualTo(600);
    assertThat(s.isFailOnRollback()).isTrue();
    assertThat(s.isRollbackOnFailure()).isFalse();
    assertThat(s.getTarget()).isEmpty();
    s.setImage("registry:5000/shop@sha256:abc");
    s.setTarget("kubernetes");
    s.setStrategy("canary");
    s.setWait(false);
    s.setTimeoutSeconds(120);
    s.setFailOnRollback(false);
    s.setRollbackOnFailure(true);
    s.setSpec("deploy/app.yaml");
    s.setNamespace("team-a");
    assertThat(s.getSpec()).isEqualTo("deploy/app.yaml");
    assertThat(s.getNamespace()).isEqualTo("team-a");
    assertThat(s.getImage()).isEqualTo("registry:5000/shop@sha256:abc");
    assertThat(s.getTarget()).isEqualTo("kubernetes");
    assertThat(s.getStrategy()).isEqualTo("canary");
    assertThat(s.isWait()).isFalse();
    assertThat(s.getTimeoutSeconds()).isEqualTo(120);
    assertThat(s.isFailOnRollback()).isFalse();
    assertThat(s.isRollbackOnFailure()).isTrue();
    assertThatThrownBy(() -> s.setTarget("nomad"))
        .hasMessage("berthDeploy: target 'nomad' is not known; use berth (the bundled runtime) or kubernetes");
    s.setTarget("K8s");
    assertThat(s.getTarget()).isEqualTo("kubernetes");
    s.setTarget(" ");
    assertThat(s.getTarget()).isEmpty();
    assertThatThrownBy(() -> s.setTimeoutSeconds(0)).hasMessageContaining("timeoutSeconds 0 must be at least 1");
  }

  @Test
  void deploy_draftArguments_defaultsSettersAndBadValues() {
    BerthDeployStep s = new BerthDeployStep("shop");
    assertThat(s.getDir()).isEmpty();
    assertThat(s.getReplicas()).isEqualTo(1);
    assertThat(s.getMemory()).isEmpty();
    assertThat(s.getCpu()).isEmpty();
    s.setDir(" dist ");
    s.setReplicas(3);
    s.setMemory(" 1Gi ");
    s.setCpu("500m");
    assertThat(s.getDir()).isEqualTo("dist");
    assertThat(s.getReplicas()).isEqualTo(3);
    assertThat(s.getMemory()).isEqualTo("1Gi");
    assertThat(s.getCpu()).isEqualTo("500m");
    assertThatThrownBy(() -> s.setReplicas(1001))
        .hasMessage("berthDeploy: replicas 1001 must be a whole number from 0 to 1000.");
    assertThatThrownBy(() -> s.setMemory("lots"))
        .hasMessage("berthDeploy: memory 'lots' is not an amount of memory; pass e.g. memory: '512Mi' (Ki/Mi/Gi are"
            + " 1024-based).");
    assertThatThrownBy(() -> s.setCpu("fast"))
        .hasMessage("berthDeploy: cpu 'fast' is not a CPU amount; pass e.g. cpu: '500m' or cpu: '1'.");
  }

  @Test
  void status_soleArgumentAndNamespace() {
    assertThat(dataBoundConstructor(BerthStatusStep.class).getParameterCount())
        .as("berthStatus 'shop' needs exactly one constructor parameter").isEqualTo(1);
    BerthStatusStep s = new BerthStatusStep("shop");
    assertThat(s.getNamespace()).isEqualTo("default");
    s.setNamespace("team-a");
    assertThat(s.getApp()).isEqualTo("shop");
    assertThat(s.getNamespace()).isEqualTo("team-a");
  }

  @Test
  void build_startsItsExecution() throws Exception {
    assertThat(new BerthBuildStep("x").start(new TestStepContext())).isInstanceOf(BerthBuildExecution.class);
  }

  static Method getter(Class<?> type, String suffix) {
    for (String prefix : new String[] {"get", "is"}) {
      try {
        return type.getMethod(prefix + suffix);
      } catch (NoSuchMethodException e) {
        // try the next prefix
      }
    }
    return null;
  }
}
