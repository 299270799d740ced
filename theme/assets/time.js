// Optional enhancement: shows each time in the reader's own time zone, with a relative time
// ("12 minutes ago") for recent ones. The page is complete without it: the HTML keeps the
// absolute time in the site's zone, which stays in each element's title, and <time datetime>.
// Times in lists grouped by day stay in the site's zone, as the days are.
(function () {
  "use strict";
  var root = document.documentElement, lang = root.lang || undefined;
  if (!window.Intl || !Intl.DateTimeFormat || !document.querySelectorAll) return;
  var absolute, relative;
  try {
    absolute = new Intl.DateTimeFormat(lang, {
      year: "numeric", month: "short", day: "numeric",
      hour: "numeric", minute: "2-digit", timeZoneName: "short"
    });
    relative = Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
  } catch (e) { return; }
  var units = [["day", 86400], ["hour", 3600], ["minute", 60]];

  function ago(seconds) {
    if (!relative || Math.abs(seconds) > 7 * 86400) return "";
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1] || units[i][0] === "minute") {
        return relative.format(Math.round(seconds / units[i][1]), units[i][0]);
      }
    }
    return "";
  }

  function update() {
    var now = Date.now(), times = document.querySelectorAll("time[datetime*='T']");
    for (var i = 0; i < times.length; i++) {
      var el = times[i], date = new Date(el.getAttribute("datetime"));
      // Lists grouped by day keep the site's zone, like their days' headings (.zone-note says so).
      if (isNaN(date) || (el.closest && el.closest(".day"))) continue;
      if (!el.hasAttribute("title")) el.setAttribute("title", el.textContent);
      var when = ago((date.getTime() - now) / 1000);
      el.textContent = absolute.format(date) + (when ? " (" + when + ")" : "");
    }
    var note = document.querySelector("[data-local-note]");
    var zone = absolute.resolvedOptions().timeZone;
    if (note && zone) note.textContent = note.getAttribute("data-local-note").replace("{zone}", zone);
  }

  update();
  setInterval(update, 60000);
})();
