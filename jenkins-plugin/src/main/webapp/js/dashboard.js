/*
 * Berth dashboard: fills the table of <root>/berth/ from the JSON at its data-apps-url and refreshes it.
 * Loaded as a static file (no inline script, so Jenkins' Content-Security-Policy allows it); text is set with
 * textContent only, so app names and messages are never parsed as HTML.
 */
(function () {
  "use strict";

  function cell(row, text, title) {
    var td = document.createElement("td");
    td.textContent = text;
    if (title) {
      td.title = title;
    }
    row.appendChild(td);
    return td;
  }

  function when(ms) {
    return ms ? new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : "";
  }

  function render(table, data, rootUrl) {
    var body = table.tBodies[0];
    var error = document.getElementById("berth-error");
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    if (data.error) {
      error.textContent = data.error;
      error.hidden = false;
    } else {
      error.textContent = "";
      error.hidden = true;
    }
    (data.apps || []).forEach(function (app) {
      var row = document.createElement("tr");
      row.id = app.namespace + "/" + app.app;
      row.className = "berth-health-" + String(app.health).toLowerCase();
      cell(row, app.namespace + "/" + app.app, app.image);
      cell(row, String(app.revision));
      cell(row, app.ready + "/" + app.desired);
      cell(row, app.health);
      cell(row, app.rollout, app.rolloutMessage);
      cell(row, (app.nodes || []).join(", "));
      var deploy = app.lastDeploy;
      cell(row, deploy ? when(deploy.atMs) + " " + deploy.outcome : "");
      var build = cell(row, "");
      if (deploy && deploy.url) {
        var a = document.createElement("a");
        a.href = rootUrl + deploy.url;
        a.textContent = deploy.build;
        build.appendChild(a);
      }
      body.appendChild(row);
    });
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.substring(1)));
      if (target) {
        target.classList.add("berth-selected");
      }
    }
  }

  function load(table) {
    var rootUrl = table.getAttribute("data-root-url") || "";
    fetch(table.getAttribute("data-apps-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (json) {
        // Jenkins' okJSON wraps the payload: {"status":"ok","data":{...}}.
        render(table, json.data || json, rootUrl);
      })
      .catch(function (e) {
        render(table, { apps: [], error: "Cannot load the apps: " + e.message }, rootUrl);
      });
  }

  function start() {
    var table = document.getElementById("berth-apps");
    if (!table) {
      return;
    }
    load(table);
    var seconds = parseInt(table.getAttribute("data-refresh-seconds"), 10);
    if (seconds > 0) {
      window.setInterval(function () { load(table); }, seconds * 1000);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
