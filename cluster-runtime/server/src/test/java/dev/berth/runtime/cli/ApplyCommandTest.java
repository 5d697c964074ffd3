package dev.berth.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.client.BerthClient;
import dev.berth.runtime.master.MasterConfig;
import dev.berth.runtime.master.MasterMain;
import dev.berth.runtime.master.NodeTransports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth apply} on the bundled runtime, through its deploy target, against a real master with no node. */
class ApplyCommandTest {

  @TempDir Path state;
  @TempDir Path dir;
  private MasterMain master;
  private BerthClient client;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    master = MasterMain.start(
        new MasterConfig(state, "127.0.0.1", 0, 0, "t"), NodeTransports.find(),
        new PrintStream(new ByteArrayOutputStream()));
    client = new BerthClient(URI.create(url()), "t");
  }

  @AfterEach
  void stop() {
    if (master != null) {
      master.close();
    }
  }

  private String url() {
    return "http://127.0.0.1:" + master.apiPort();
  }

  private int apply(String specText, String... more) throws Exception {
    Path spec = Files.writeString(dir.resolve("app.yaml"), specText);
    var cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] args = new String[5 + more.length];
    args[0] = "apply";
    args[1] = "-f";
    args[2] = spec.toString();
    args[3] = "--master=" + url();
    args[4] = "--token=t";
    System.arraycopy(more, 0, args, 5, more.length);
    return cli.execute(args);
  }

  @Test
  void apply_withoutWait_printsTheAppliedLineAndExitsZero() throws Exception {
    int code = apply("name: web\nimage: web:1\nreplicas: 2\n");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("app default/web ").contains("(revision 1)");
    assertThat(err.toString()).isEmpty();
    assertThat(client.app("default", "web").desired()).isEqualTo(2);
  }

  @Test
  void apply_waitWithNoNode_givesUpAfterTheTimeoutWithExitOne() throws Exception {
    int code = apply("name: web\nimage: web:1\n", "--wait", "--timeout", "1s");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("rollout ");
    assertThat(err.toString()).contains("ERROR default/web: gave up waiting after 1 s; the rollout goes on")
        .contains("berth describe web");
  }

  @Test
  void apply_isolatedSpec_isAcceptedWithAWarningThatTheBundledRuntimeDoesNotIsolate() throws Exception {
    int code = apply("name: web\nimage: web:1\nnetwork: {isolate: true, expose: nodeport}\n");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("warning: network.isolate is enforced on Kubernetes only; the bundled runtime does not isolate"
            + " namespaces")
        .contains("warning: network.expose: nodeport is rendered on Kubernetes only");
    assertThat(client.app("default", "web").spec().network().isolate()).isTrue();
  }

  @Test
  void apply_targetFlag_overridesTheSpecsTarget() throws Exception {
    // The spec says kubernetes; --target berth sends it to the master all the same.
    int code = apply("name: web\nimage: web:1\ntarget: kubernetes\n", "--target", "berth");

    assertThat(code).isZero();
    assertThat(client.app("default", "web").spec().target()).isEqualTo("kubernetes");
  }

  @Test
  void apply_masterUnreachable_isOneErrorLineWithExitOne() throws Exception {
    String stopped = url();
    master.close();
    master = null;
    Path spec = Files.writeString(dir.resolve("app.yaml"), "name: web\nimage: web:1\n");
    var cli = BerthCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("apply", "-f", spec.toString(), "--master=" + stopped, "--token=t");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("ERROR ").doesNotContain("\tat ");
    assertThat(err.toString().lines()).hasSize(1);
  }
}
