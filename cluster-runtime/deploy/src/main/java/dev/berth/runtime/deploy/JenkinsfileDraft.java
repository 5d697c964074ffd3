package dev.berth.runtime.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A first declarative Jenkinsfile for an app, drafted from where it sits in the repository and what built it, so
 * a team migrating an app starts from a pipeline that already uses Berth's steps the right way. Pure: the same
 * inputs give the same text. The rules, each said in the file's header:
 *
 * <ul>
 *   <li><b>Package</b> stage: the build the repository root shows — Maven wrapper, Maven, Gradle wrapper — with
 *       tests skipped (they belong to the team's own stages); none when the artifact is committed (a legacy dist)
 *       or the image builds it (Node's {@code npm ci} runs in the Dockerfile).
 *   <li><b>Image</b>: {@code berthDetect}, {@code berthDockerfile} and {@code berthBuild} on the app's folder,
 *       tagged with the build number and pushed; inside {@code withCredentials} when a registry credential is named.
 *   <li><b>Deploy</b>: {@code berthDeploy} of the image just built, with the spec file when the app has one, else a
 *       spec drafted from detection; on Kubernetes inside a kubeconfig file credential, else the Berth master from
 *       {@code BERTH_MASTER_URL} and the {@code berth-token} credential.
 * </ul>
 *
 * @param dir the app's folder relative to the repository root ({@code .} for the root itself)
 * @param image the repository to push, e.g. {@code registry.internal:5000/shop}
 * @param app the app's name
 * @param stack the stack detection found, for the header
 * @param packageCommand the shell command of the Package stage, or {@code null} for none
 * @param specFile the spec file relative to the repository root, or {@code null} to draft one
 * @param target {@code berth} or {@code kubernetes}
 * @param registryCredentials the Jenkins username/password credential id for the registry, or {@code null}
 */
public record JenkinsfileDraft(
    String dir,
    String image,
    String app,
    String stack,
    String packageCommand,
    String specFile,
    String target,
    String registryCredentials) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@-]+");

  public JenkinsfileDraft {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(stack, "stack");
    target = target == null ? "berth" : target;
    if (!target.equals("berth") && !target.equals("kubernetes")) {
      throw new IllegalArgumentException("target '" + target + "' is not berth or kubernetes");
    }
    for (String[] field : new String[][] {{"dir", dir}, {"image", image}, {"app", app}, {"spec", specFile},
        {"registry credentials", registryCredentials}}) {
      if (field[1] != null && !SAFE.matcher(field[1]).matches()) {
        throw new IllegalArgumentException(field[0] + " '" + field[1] + "' has characters a Jenkinsfile string"
            + " would need escaped; use letters, digits and ._/:@-");
      }
    }
  }

  /** The Package stage's command for a repository root holding these files, or {@code null} for none. */
  public static String packageCommand(boolean mavenWrapper, boolean pom, boolean gradleWrapper) {
    if (mavenWrapper) {
      return "./mvnw -B -DskipTests package";
    }
    if (pom) {
      return "mvn -B -DskipTests package";
    }
    return gradleWrapper ? "./gradlew --no-daemon assemble" : null;
  }

  /** The Jenkinsfile. */
  public String text() {
    boolean kubernetes = target.equals("kubernetes");
    List<String> lines = new ArrayList<>();
    lines.add("// Drafted by berth jenkinsfile for " + dir + " (" + stack + "); edit it freely, it is yours now.");
    lines.add(packageCommand == null
        ? "// No Package stage: the app's artifact is committed, or its image builds it."
        : "// Package runs the build the repository root shows, tests skipped: add your own test stages.");
    lines.add(registryCredentials == null
        ? "// The registry login comes from the controller user's Docker config (docker login)."
        : "// The registry login is the username/password credential '" + registryCredentials + "'.");
    lines.add(kubernetes
        ? "// Deploys to Kubernetes with the kubeconfig in the secret file credential 'kubeconfig'."
        : "// Deploys to the Berth master at BERTH_MASTER_URL with the secret text credential 'berth-token'.");
    lines.add(specFile == null
        ? "// No spec file yet: berthDeploy drafts " + join(dir, ".berth/app.yaml") + " from detection; commit it and"
            + " name it with spec: once it needs edits."
        : "// The app's spec is " + specFile + ".");
    lines.add("pipeline {");
    lines.add("  agent any");
    if (!kubernetes) {
      lines.add("  environment {");
      lines.add("    BERTH_MASTER_URL = 'http://berth-master:7070'");
      lines.add("    BERTH_TOKEN = credentials('berth-token')");
      lines.add("  }");
    }
    lines.add("  stages {");
    if (packageCommand != null) {
      lines.add("    stage('Package') {");
      lines.add("      steps {");
      lines.add("        sh '" + packageCommand + "'");
      lines.add("      }");
      lines.add("    }");
    }
    lines.add("    stage('Image') {");
    lines.add("      steps {");
    lines.add("        berthDetect dir: '" + dir + "'");
    lines.add("        berthDockerfile dir: '" + dir + "'");
    String build = "berthBuild dir: '" + dir + "', image: '" + image + "', tags: \"${env.BUILD_NUMBER}\", push: true";
    if (registryCredentials == null) {
      lines.add("        " + build);
    } else {
      lines.add("        withCredentials([usernamePassword(credentialsId: '" + registryCredentials + "',");
      lines.add("            usernameVariable: 'BERTH_REGISTRY_USERNAME', passwordVariable: 'BERTH_REGISTRY_PASSWORD')]) {");
      lines.add("          " + build);
      lines.add("        }");
    }
    lines.add("      }");
    lines.add("    }");
    lines.add("    stage('Deploy') {");
    lines.add("      steps {");
    String indent = kubernetes ? "          " : "        ";
    if (kubernetes) {
      lines.add("        withCredentials([file(credentialsId: 'kubeconfig', variable: 'KUBECONFIG')]) {");
    }
    lines.add(indent + "script {");
    String deploy = "berthDeploy app: '" + app + "', dir: '" + dir + "'"
        + (specFile == null ? "" : ", spec: '" + specFile + "'")
        + (kubernetes ? ", target: 'kubernetes'" : ", rollbackOnFailure: true");
    lines.add(indent + "  def rollout = " + deploy);
    lines.add(indent + "  echo \"" + app + ": ${rollout.outcome}, ${rollout.ready}/${rollout.desired} ready\"");
    lines.add(indent + "}");
    if (kubernetes) {
      lines.add("        }");
    }
    lines.add("      }");
    lines.add("    }");
    lines.add("  }");
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  private static String join(String dir, String path) {
    return dir.equals(".") ? path : dir + "/" + path;
  }
}
