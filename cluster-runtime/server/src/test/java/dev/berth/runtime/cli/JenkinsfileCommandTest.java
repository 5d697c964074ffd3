package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.imagebuilder.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JenkinsfileCommandTest extends CliHarness {

  static final String IMAGE = "registry.internal:5000/billing";

  @TempDir Path repo;

  @Test
  void legacyDistInAMavenRepository_packagesBuildsPushesAndDeploysItsFolder() throws Exception {
    Path app = Samples.l1DistJdk7(repo.resolve("services"));
    Files.writeString(repo.resolve("mvnw"), "#!/bin/sh\n");

    int code = run("jenkinsfile", app.toString(), "--image", IMAGE, "--root", repo.toString(),
        "--registry-credentials", "registry-push");

    assertThat(code).as(err.toString()).isZero();
    String dir = repo.relativize(app).toString();
    String text = Files.readString(repo.resolve("Jenkinsfile"));
    assertThat(text)
        .contains("(jvm-dist)")
        .contains("sh './mvnw -B -DskipTests package'")
        .contains("berthBuild dir: '" + dir + "', image: '" + IMAGE + "', tags: \"${env.BUILD_NUMBER}\", push: true")
        .contains("credentialsId: 'registry-push'")
        .contains("berthDeploy app: 'billing', dir: '" + dir + "', rollbackOnFailure: true")
        .contains("BERTH_TOKEN = credentials('berth-token')");
    assertThat(out.toString()).startsWith("wrote " + repo.resolve("Jenkinsfile") + " for " + dir + " (jvm-dist),"
        + " deploying to berth with a spec drafted from detection");
  }

  @Test
  void committedSpec_isNamed_andKubernetesUsesTheKubeconfigCredential() throws Exception {
    Path app = Samples.l1DistJdk7(repo);
    Files.createDirectories(app.resolve(".berth"));
    Files.writeString(app.resolve(".berth/app.yaml"), "name: billing\nimage: x:1\n");

    int code = run("jenkinsfile", app.toString(), "--image", IMAGE, "--root", repo.toString(), "--target",
        "kubernetes", "-o", repo.resolve("ci/Jenkinsfile").toString());

    assertThat(code).as(err.toString()).isZero();
    String text = Files.readString(repo.resolve("ci/Jenkinsfile"));
    String dir = repo.relativize(app).toString();
    assertThat(text).contains("spec: '" + dir + "/.berth/app.yaml', target: 'kubernetes'")
        .contains("file(credentialsId: 'kubeconfig', variable: 'KUBECONFIG')")
        .doesNotContain("stage('Package')").doesNotContain("BERTH_MASTER_URL =").doesNotContain("withCredentials([u");
  }

  @Test
  void existingJenkinsfile_folderOutsideTheRoot_andAFailedDetection_areOneLineEach() throws Exception {
    Path app = Samples.l1DistJdk7(repo);
    Files.writeString(repo.resolve("Jenkinsfile"), "pipeline {}\n");

    assertThat(run("jenkinsfile", app.toString(), "--image", IMAGE, "--root", repo.toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).isEqualTo("ERROR " + repo.resolve("Jenkinsfile") + " exists; berth jenkinsfile keeps"
        + " it. Pass -o FILE, or --force to replace it" + System.lineSeparator());
    assertThat(Files.readString(repo.resolve("Jenkinsfile"))).isEqualTo("pipeline {}\n");

    err.getBuffer().setLength(0);
    assertThat(run("jenkinsfile", repo.toString(), "--image", IMAGE, "--root", app.toString()))
        .isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).startsWith("ERROR " + repo + " is not a folder inside " + app);

    err.getBuffer().setLength(0);
    Path ambiguous = Samples.a1Ambiguous(repo.resolve("other"));
    int code = run("jenkinsfile", ambiguous.toString(), "--image", IMAGE, "--root", repo.toString(), "--force");
    assertThat(code).isGreaterThanOrEqualTo(3);
    assertThat(err.toString()).startsWith("ERROR cannot draft a Jenkinsfile: detection in " + ambiguous + " failed");
    assertThat(Files.readString(repo.resolve("Jenkinsfile"))).isEqualTo("pipeline {}\n");
  }
}
