package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectReport;
import dev.berth.imagebuilder.api.DetectReport.Confidence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Python apps: any of {@code pyproject.toml}, {@code requirements.txt}, {@code Pipfile}, {@code setup.py}; the
 * entry {@code manage.py} (Django) &gt; {@code wsgi.py}/{@code asgi.py} &gt; {@code app.py} &gt; {@code main.py},
 * served by gunicorn on 8000.
 */
final class PythonDetector implements StackDetector {

  static final int PORT = 8000;

  @Override
  public String stack() {
    return "python";
  }

  @Override
  public boolean detect(Workspace ws, ReportDraft d) throws DetectionFailure, IOException {
    List<String> manifests = new ArrayList<>();
    for (String f : List.of("requirements.txt", "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock",
        "setup.py")) {
      if (ws.isFile(f)) {
        manifests.add(f);
      }
    }
    if (manifests.isEmpty()) {
      return false;
    }
    d.stack = "python";
    d.title = ws.root.getFileName().toString();
    String bind = "0.0.0.0:" + PORT;
    List<String> entry;
    String artifact;
    if (ws.isFile("manage.py")) {
      String wsgi = ws.files().stream().filter(f -> f.endsWith("/wsgi.py") && f.split("/").length == 2)
          .findFirst().orElse(null);
      d.subtype = "django";
      artifact = "manage.py";
      String module = wsgi == null ? "wsgi" : wsgi.substring(0, wsgi.indexOf('/')) + ".wsgi";
      entry = List.of("gunicorn", "--bind", bind, module + ":application");
    } else {
      artifact = null;
      for (String f : List.of("wsgi.py", "asgi.py", "app.py", "main.py")) {
        if (artifact == null && ws.isFile(f)) {
          artifact = f;
        }
      }
      if (artifact == null) {
        d.warn("NO_ENTRY", "none of manage.py, wsgi.py, asgi.py, app.py, main.py; set berth.yaml `artifact:`",
            manifests.get(0), null);
        artifact = manifests.get(0);
        entry = List.of("python3", "-m", "app");
        d.subtype = "module";
      } else {
        String module = artifact.replaceFirst("\\.py$", "");
        String text = ws.text(artifact);
        String variable = text.contains("application =") || text.contains("application=") ? "application"
            : "app";
        boolean flask = text.contains("Flask(");
        d.subtype = flask ? "flask" : "wsgi";
        entry = List.of("gunicorn", "--bind", bind, module + ":" + variable);
        if (flask && text.matches("(?s).*@app\\.(route|get)\\(\\s*[\"']/[\"'].*")) {
          d.health = "http:" + PORT + "/";
        }
      }
    }
    d.artifact = new DetectReport.Artifact(artifact, d.subtype, null, List.of());
    d.decide("stack", "python", Confidence.MEDIUM, "python-manifest", manifests.get(0),
        String.join(", ", manifests));
    d.start = new DetectReport.Start(entry, "/app", null, List.of());
    d.decide("start", String.join(" ", entry), Confidence.MEDIUM, "python-entry", artifact, d.subtype);
    d.port = PORT;
    d.decide("port", Integer.toString(PORT), Confidence.MEDIUM, "gunicorn-bind", artifact, "--bind " + bind);
    if (d.health == null) {
      d.health = "tcp:" + PORT;
    }
    List<String> deps = manifests.stream().filter(m -> !m.equals("setup.py")).toList();
    d.layer("dependencies", deps, "/app/");
    d.layer("application", NodeDetector.sourcesExcept(ws, deps), "/app/");
    return true;
  }
}
