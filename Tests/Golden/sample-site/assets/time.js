// Optional: shows times in the reader's zone, recent ones also relative ("12 minutes ago"), and
// seconds where the page has them (not the footer's). Without it the page is complete, in the
// site's zone (kept in each title). Lists grouped by day (.day) keep the site's zone, as the days.
(function () {
  "use strict";
  var root = document.documentElement, lang = root.lang || undefined;
  if (!window.Intl || !Intl.DateTimeFormat || !document.querySelectorAll) return;
  var absolute, seconds, relative, options = {
    year: "numeric", month: "short", day: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "short"
  };
  try {
    absolute = new Intl.DateTimeFormat(lang, options);
    options.second = "2-digit";
    seconds = new Intl.DateTimeFormat(lang, options);
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
      if (isNaN(date) || (el.closest && el.closest(".day"))) continue;
      if (!el.hasAttribute("title")) el.setAttribute("title", el.textContent);
      var when = ago((date.getTime() - now) / 1000);
      var f = /:..:(?!00)/.test(el.getAttribute("datetime")) && !(el.closest && el.closest("footer")) ? seconds : absolute;
      el.textContent = f.format(date) + (when ? " (" + when + ")" : "");
    }
    var note = document.querySelector("[data-local-note]");
    var zone = absolute.resolvedOptions().timeZone;
    if (note && zone) note.textContent = note.getAttribute("data-local-note").replace("{zone}", zone);
  }

  update();
  setInterval(update, 60000);
})();
