package dev.berth.jenkins.actions;

import static dev.berth.jenkins.actions.StatusFixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.api.status.RolloutStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's static script in a real headless Chromium (ENVIRONMENT.md §9): the page's table markup taken from
 * {@code BerthDashboardAction/index.jelly}, {@code js/dashboard.js} as shipped, and the endpoint's JSON (wrapped as
 * {@code okJSON} wraps it) made from the runtime's status records. Skips when no Chromium is installed.
 */
class DashboardPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path profile;

  @Test
  void scriptRendersOneRowPerApp_textOnly_withTheBuildLink() throws Exception {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(CHROMIUM).as("CI=true: the dashboard is tested in a real browser; scripts/test.sh installs"
          + " Debian's chromium").isExecutable();
    }
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install -y chromium)");
    DeployLedger.Entry entry = new DeployLedger.Entry("shop-pipeline #12", "shop-pipeline#12",
        "job/shop-pipeline/12/", 1_764_057_600_000L, "SUCCEEDED", 4);
    LinkedHashMap<String, Object> data = DashboardData.of(
        StatusFixtures.overTheWire(
            app("default", "shop", 4, 3, 3, RolloutStatus.COMPLETE, "node-a", "node-b"),
            app("team", "api", 7, 2, 0, RolloutStatus.FAILED, "node-c")),
        Map.of("default/shop", entry, "team/api", new DeployLedger.Entry("<img src=x> #3", "evil#3", "job/evil/3/",
            1_764_057_600_000L, "FAILED", 7)),
        e -> e.url());
    String json = ApiJson.toJson(Map.of("status", "ok", "data", data));

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(server, "/berth/", "text/html", page());
    serve(server, "/plugin/berth/js/dashboard.js", "application/javascript",
        Files.readString(Path.of("src/main/webapp/js/dashboard.js")));
    serve(server, "/berth/apps", "application/json", json);
    server.start();
    String dom;
    try {
      dom = dumpDom("http://127.0.0.1:" + server.getAddress().getPort() + "/berth/#default/shop");
    } finally {
      server.stop(0);
    }

    String shop = between(dom, "<tr id=\"default/shop\"", "</tr>");
    assertThat(shop).contains("class=\"berth-health-healthy berth-selected\"", "<td>4</td>", "<td>3/3</td>",
        "<td>HEALTHY</td>", "<td>node-a, node-b</td>", "2025-11-25 08:00:00 UTC SUCCEEDED",
        "href=\"/job/shop-pipeline/12/\">shop-pipeline #12</a>");
    // A build name is user text: it must arrive as text, never as markup.
    String api = between(dom, "<tr id=\"team/api\"", "</tr>");
    assertThat(api).contains("<td>0/2</td>", "<td>DOWN</td>", "title=\"health check failed\">FAILED</td>",
        ">&lt;img src=x&gt; #3</a>");
    assertThat(dom).doesNotContain("<img");
    assertThat(between(dom, "<p id=\"berth-error\"", "</p>")).contains("hidden");
  }

  /** The dashboard page: index.jelly's main panel with Jelly's expressions resolved as Jenkins at root / would. */
  private static String page() throws IOException {
    String jelly = Files.readString(
        Path.of("src/main/resources/dev/berth/jenkins/actions/BerthDashboardAction/index.jelly"));
    String panel = between(jelly, "<l:main-panel>", "</l:main-panel>")
        .replace("${rootURL}", "").replace("${resURL}", "")
        .replaceAll("<(\\w+)([^>]*)/>", "<$1$2></$1>");
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Berth apps</title></head><body>"
        + panel + "</body></html>";
  }

  private String dumpDom(String url) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium ends").isTrue();
    return out;
  }

  private static void serve(HttpServer server, String path, String type, String body) {
    server.createContext(path, exchange -> {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", type + "; charset=UTF-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private static String between(String text, String start, String end) {
    int s = text.indexOf(start);
    assertThat(s).as("%s in %s", start, text).isNotNegative();
    int e = text.indexOf(end, s);
    assertThat(e).as("%s after %s", end, start).isPositive();
    return text.substring(s, e + end.length());
  }
}
