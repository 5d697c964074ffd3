package dev.berth.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.deploy.JenkinsfileDraft;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses every file in {@code jenkinsfiles/} with Groovy and checks each {@code berth*} call against the Step
 * classes, as Pipeline binds it: the function exists, every named argument is a constructor parameter or a
 * setter, required parameters are given, an unnamed argument is used only for a sole-parameter step, and literal
 * values have the parameter's type.
 */
class JenkinsfilesTest {

  /** One berth* call found in a Jenkinsfile. */
  record Call(String file, int line, String function, Map<String, Expression> named, List<Expression> positional) {
    String where() {
      return file + ":" + line + " " + function;
    }
  }

  static Path folder() {
    // The repository root when Maven runs from it; the module's parent when it runs from jenkins-plugin/.
    Path fromRoot = Path.of(System.getProperty("berth.repo", ".")).resolve("jenkinsfiles");
    return Files.isDirectory(fromRoot) ? fromRoot : Path.of("..", "jenkinsfiles");
  }

  static List<Path> jenkinsfiles() throws Exception {
    try (Stream<Path> files = Files.list(folder())) {
      return files.filter(p -> p.getFileName().toString().endsWith("Jenkinsfile")).sorted().toList();
    }
  }

  static Map<String, Class<? extends Step>> functions() throws Exception {
    Map<String, Class<? extends Step>> out = new HashMap<>();
    for (Class<? extends Step> step : StepBeansTest.STEPS) {
      StepDescriptor d = (StepDescriptor) Class.forName(step.getName() + "$DescriptorImpl")
          .getConstructor().newInstance();
      out.put(d.getFunctionName(), step);
    }
    return out;
  }

  @Test
  void scenarios_legacyJarSpringBootWarAndNode_arePresent() throws Exception {
    assertThat(jenkinsfiles()).extracting(p -> p.getFileName().toString()).contains(
        "legacy-jar.Jenkinsfile", "spring-boot.Jenkinsfile", "war.Jenkinsfile", "node.Jenkinsfile");
  }

  /** What {@code berth jenkinsfile} drafts, in each of its shapes. */
  static List<Path> drafted() throws Exception {
    Path dir = Files.createTempDirectory("drafted-jenkinsfiles");
    List<JenkinsfileDraft> drafts = List.of(
        new JenkinsfileDraft("dist", "reg.example:5000/billing", "billing", "jvm-dist", null, null, null, null),
        new JenkinsfileDraft("services/shop", "reg.example/shop", "shop", "spring-boot",
            JenkinsfileDraft.packageCommand(true, true, false), "services/shop/.berth/app.yaml", "berth",
            "registry-push"),
        new JenkinsfileDraft(".", "reg.example/web", "web", "node", null, null, "kubernetes", "registry-push"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      files.add(Files.writeString(dir.resolve("drafted-" + i + ".Jenkinsfile"), drafts.get(i).text()));
    }
    return files;
  }

  @ParameterizedTest
  @MethodSource("drafted")
  void draftedJenkinsfiles_bindToTheStepClassesToo(Path file) throws Exception {
    everyBerthCall_bindsToItsStepClass(file);
  }

  @ParameterizedTest
  @MethodSource("jenkinsfiles")
  void everyBerthCall_bindsToItsStepClass(Path file) throws Exception {
    List<Call> calls = calls(file);
    assertThat(calls).as("%s uses Berth's steps", file).isNotEmpty();
    Map<String, Class<? extends Step>> functions = functions();
    List<String> problems = new ArrayList<>();
    for (Call call : calls) {
      Class<? extends Step> step = functions.get(call.function());
      if (step == null) {
        problems.add(call.where() + ": no Berth step has this function name; known " + functions.keySet());
        continue;
      }
      problems.addAll(check(call, step));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void check_catchesUnknownMissingPositionalAndMistypedArguments() throws Exception {
    Path bad = Files.createTempFile("bad", ".Jenkinsfile");
    Files.writeString(bad, """
        pipeline { agent any; stages { stage('x') { steps {
          berthDetect folder: 'app'
          berthBuild push: true
          berthDeploy 'shop', wait: false
          berthDeploy app: 'shop', timeoutSeconds: 'soon'
          berthStatus 'shop'
        } } } }
        """);
    Map<String, Class<? extends Step>> functions = functions();
    List<String> problems = new ArrayList<>();
    for (Call call : calls(bad)) {
      problems.addAll(check(call, functions.get(call.function())));
    }
    Files.delete(bad);
    assertThat(problems).hasSize(4);
    assertThat(problems.get(0)).contains("berthDetect").contains("unknown argument 'folder'");
    assertThat(problems.get(1)).contains("berthBuild").contains("missing required argument 'image'");
    assertThat(problems.get(2)).contains("berthDeploy").contains("unnamed argument");
    assertThat(problems.get(3)).contains("timeoutSeconds").contains("int");
  }

  static List<String> check(Call call, Class<? extends Step> step) {
    List<String> problems = new ArrayList<>();
    Map<String, Class<?>> types = new HashMap<>();
    List<String> required = new ArrayList<>();
    Constructor<?> ctor = StepBeansTest.dataBoundConstructor(step);
    for (Parameter p : ctor.getParameters()) {
      types.put(p.getName(), p.getType());
      required.add(p.getName());
    }
    for (Method m : step.getMethods()) {
      if (m.isAnnotationPresent(org.kohsuke.stapler.DataBoundSetter.class)) {
        types.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m.getParameterTypes()[0]);
      }
    }
    Map<String, Expression> given = new HashMap<>(call.named());
    if (!call.positional().isEmpty()) {
      // DSL.loadSoleArgumentKey: one unnamed argument binds only to a one-parameter constructor.
      if (call.positional().size() == 1 && required.size() == 1 && call.named().isEmpty()) {
        given.put(required.get(0), call.positional().get(0));
      } else {
        problems.add(call.where() + ": unnamed argument; name it (" + types.keySet() + ")");
        return problems;
      }
    }
    for (Map.Entry<String, Expression> e : given.entrySet()) {
      Class<?> type = types.get(e.getKey());
      if (type == null) {
        problems.add(call.where() + ": unknown argument '" + e.getKey() + "'; known " + types.keySet());
      } else if (!literalFits(e.getValue(), type)) {
        problems.add(call.where() + ": argument '" + e.getKey() + "' is " + e.getValue().getText() + ", not a "
            + type.getSimpleName());
      }
    }
    for (String r : required) {
      if (!given.containsKey(r)) {
        problems.add(call.where() + ": missing required argument '" + r + "'");
      }
    }
    return problems;
  }

  /** Declarative validates literal types; expressions are checked at run time, so only literals are judged. */
  static boolean literalFits(Expression value, Class<?> type) {
    if (value instanceof GStringExpression) {
      return type == String.class;
    }
    if (!(value instanceof ConstantExpression c)) {
      return true;
    }
    Object v = c.getValue();
    if (type == String.class) {
      return v instanceof String;
    }
    if (type == boolean.class) {
      return v instanceof Boolean;
    }
    if (type == int.class) {
      return v instanceof Integer;
    }
    return false;
  }

  static List<Call> calls(Path file) throws Exception {
    CompilationUnit unit = new CompilationUnit();
    SourceUnit source = unit.addSource(file.getFileName().toString(), Files.readString(file));
    unit.compile(Phases.CONVERSION);
    ModuleNode module = source.getAST();
    List<Call> calls = new ArrayList<>();
    CodeVisitorSupport visitor = new CodeVisitorSupport() {
      @Override
      public void visitMethodCallExpression(MethodCallExpression call) {
        String name = call.getMethodAsString();
        if (name != null && name.startsWith("berth") && call.isImplicitThis()) {
          Map<String, Expression> named = new HashMap<>();
          List<Expression> positional = new ArrayList<>();
          for (Expression arg : ((TupleExpression) call.getArguments()).getExpressions()) {
            if (arg instanceof MapExpression map) {
              for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                named.put(entry.getKeyExpression().getText(), entry.getValueExpression());
              }
            } else {
              positional.add(arg);
            }
          }
          calls.add(new Call(file.getFileName().toString(), call.getLineNumber(), name, named, positional));
        }
        super.visitMethodCallExpression(call);
      }
    };
    module.getStatementBlock().visit(visitor);
    return calls;
  }
}
