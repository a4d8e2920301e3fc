// The dashboard's only script: it polls the JSON endpoints and updates the page in place, with no reload. The server
// renders every page whole, so without this script the pages still work; they just do not move.
(function () {
  "use strict";

  var body = document.body;
  var api = body.getAttribute("data-api");
  var kind = body.getAttribute("data-live");
  var PERIOD_MS = 2000;
  if (!api || !kind) {
    return;
  }

  // The same formats the server renders with (DashboardFormat), so a refreshed cell reads as the first one did.
  function score(value) {
    return value === null || value === undefined ? "\u2014" : Number(value).toFixed(4);
  }

  function timeLeft(seconds) {
    if (seconds === null || seconds === undefined) {
      return "\u2014";
    }
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return h > 0 ? h + "h " + two(m) + "m" : m > 0 ? m + "m " + two(r) + "s" : r + "s";
  }

  function cell(text, className, sortKey) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    if (sortKey !== undefined && sortKey !== null) {
      td.setAttribute("data-sort", String(sortKey));
    }
    return td;
  }

  function renderList(rows) {
    var table = document.getElementById("sessions");
    var empty = document.getElementById("no-sessions");
    if (!table) {
      return;
    }
    table.hidden = rows.length === 0;
    if (empty) {
      empty.hidden = rows.length !== 0;
    }
    var admin = body.getAttribute("data-admin") === "true";
    var tbody = document.createElement("tbody");
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-session", row.session_id);
      var link = document.createElement("a");
      link.href = "/sessions/" + encodeURIComponent(row.session_id);
      link.textContent = row.session_id;
      var first = document.createElement("td");
      first.appendChild(link);
      tr.appendChild(first);
      tr.appendChild(cell(row.competition_id));
      tr.appendChild(cell(row.agent || "\u2014"));
      if (admin) {
        tr.appendChild(cell(row.owner || "local operator"));
      }
      tr.appendChild(cell(row.state, "state state-" + row.state));
      tr.appendChild(cell(row.steps_used + " / " + row.max_steps, "num", row.steps_used));
      var best = cell(score(row.best_public_score), "num", row.best_public_score === null ? "NaN" : row.best_public_score);
      best.setAttribute("data-field", "best");
      tr.appendChild(best);
      tr.appendChild(cell(timeLeft(row.time_left_s), "num", row.time_left_s === null ? "NaN" : row.time_left_s));
      tr.appendChild(cell(row.created_at.replace("T", " ").slice(0, 19) + " UTC"));
      tbody.appendChild(tr);
    });
    table.replaceChild(tbody, table.tBodies[0]);
  }

  function setField(name, text) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-field='" + name + "']"), function (el) {
      el.textContent = text;
    });
  }

  function setGauge(name, value, max) {
    var gauge = document.querySelector("progress[data-gauge='" + name + "']");
    if (gauge) {
      gauge.max = Math.max(1, max);
      gauge.value = Math.min(Math.max(0, value), gauge.max);
    }
  }

  var revision = body.getAttribute("data-revision");

  function renderSession(detail) {
    var s = detail.summary, b = detail.budget;
    setField("state", s.state);
    setField("best", score(s.best_public_score));
    setField("steps", b.steps_used + " / " + b.max_steps);
    setField("time-left", timeLeft(s.time_left_s));
    setField("submissions", b.submissions_used + " / " + b.max_submissions);
    setGauge("steps", b.steps_used, b.max_steps);
    setGauge("time", b.episode_timeout_s - b.time_left_s, b.episode_timeout_s);
    setGauge("submissions", b.submissions_used, b.max_submissions);
    if (s.revision !== revision) {
      refreshTimeline(s.revision);
    }
  }

  // The chart and the timeline are rendered by the server; a new revision fetches them again, keeping open calls open.
  function refreshTimeline(next) {
    var target = document.getElementById("live-body");
    if (!target) {
      return;
    }
    fetch(target.getAttribute("data-src"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var open = Array.prototype.map.call(target.querySelectorAll("[data-call] > details[open]"), function (d) {
          return d.parentNode.getAttribute("data-call");
        });
        target.innerHTML = html;
        open.forEach(function (call) {
          var details = target.querySelector("[data-call='" + call + "'] > details");
          if (details) {
            details.open = true;
          }
        });
        revision = next;
        body.setAttribute("data-revision", next);
      });
  }

  function status(ok) {
    var el = document.getElementById("live-status");
    if (el) {
      el.classList.toggle("stale", !ok);
      el.textContent = ok ? "Live \u00b7 updated " + new Date().toLocaleTimeString() : "Not updating: the server did not answer. Retrying\u2026";
    }
  }

  function poll() {
    fetch(api, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign("/signin?ReturnUrl=" + encodeURIComponent(window.location.pathname));
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data === null) {
          return;
        }
        if (kind === "list") {
          renderList(data);
        } else {
          renderSession(data);
        }
        status(true);
      })
      .catch(function () { status(false); })
      .then(function () { window.setTimeout(poll, PERIOD_MS); });
  }

  window.setTimeout(poll, PERIOD_MS);
})();
