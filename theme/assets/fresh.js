// Optional: once a minute while visible, compare version.json with this page's version and, on
// news, show a fixed status bar with a Reload button (docs/outputs.md, "Fresh pages").
(function () {
  "use strict";
  var s = document.currentScript;
  if (!s || !s.dataset || !window.fetch) return;
  var every = window.HERALD_FRESH_INTERVAL_MS || 60000, last = Date.now(), found = false;
  var bar = document.createElement("div");
  bar.className = "fresh-bar";
  bar.setAttribute("role", "status");
  bar.hidden = true;
  document.body.appendChild(bar);
  function announce() {
    var text = document.createElement("span"), button = document.createElement("button");
    found = true;
    text.textContent = s.dataset.message + " ";
    button.type = "button";
    button.textContent = s.dataset.reload;
    button.onclick = function () { location.reload(); };
    bar.hidden = false;
    bar.append(text, button);
  }
  function check() {
    if (found || document.hidden || Date.now() - last < every) return;
    last = Date.now();
    fetch(s.dataset.url, { cache: "no-cache", credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d && d.version && d.version !== s.dataset.version) announce(); })
      .catch(function () {});
  }
  setInterval(check, Math.min(every, 15000));
  document.addEventListener("visibilitychange", check);
})();
