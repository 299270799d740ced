// Herald: moves scheduled maintenance along between builds (optional; the page states the times).
(function () {
  "use strict";
  var script = document.currentScript;
  var order = { scheduled: 0, in_progress: 1, verifying: 2, completed: 3, cancelled: 4 };

  function label(name) {
    return script ? script.getAttribute("data-" + name) || "" : "";
  }

  function swapStatusClass(element, next) {
    element.className = element.className.replace(/\bstatus--[a-z_]+/, "status--" + next);
  }

  function setBadge(card, next) {
    var badge = card.querySelector("[data-role=status]");
    if (!badge) return;
    swapStatusClass(badge, next);
    badge.textContent = label(next.replace("_", "-"));
  }

  function isActive(card) {
    var current = card.getAttribute("data-current");
    return !card.hidden && (current === "in_progress" || current === "verifying");
  }

  function syncComponents(cards) {
    var held = {};
    var named = {};
    cards.forEach(function (card) {
      (card.getAttribute("data-components") || "").split(" ").forEach(function (id) {
        if (!id) return;
        named[id] = true;
        if (isActive(card)) held[id] = true;
      });
    });
    document.querySelectorAll("li.component[data-component]").forEach(function (row) {
      var status = row.querySelector(".component-status");
      var text = status && status.lastChild;
      var id = row.getAttribute("data-component");
      if (!named[id]) return;
      if (held[id] && row.classList.contains("status--operational")) {
        swapStatusClass(row, "under_maintenance");
        if (text) text.textContent = " " + label("under-maintenance");
      } else if (!held[id] && row.classList.contains("status--under_maintenance")) {
        swapStatusClass(row, "operational");
        if (text) text.textContent = " " + label("operational");
      }
    });
  }

  function syncSections(cards) {
    document.querySelectorAll("[data-maintenance-section]").forEach(function (section) {
      section.hidden = !section.querySelector("[data-start]:not([hidden])");
    });
    var overall = document.querySelector(".overall");
    if (!overall) return;
    var active = cards.some(isActive);
    var title = overall.querySelector("[data-role=overall-text]");
    if (active && overall.classList.contains("overall--none")) {
      swapOverall(overall, "none", "maintenance");
      if (title) title.textContent = label("overall-maintenance");
    } else if (!active && overall.classList.contains("overall--maintenance")) {
      swapOverall(overall, "maintenance", "none");
      if (title) title.textContent = label("overall-operational");
    }
  }

  function swapOverall(overall, from, to) {
    overall.className = overall.className.replace("overall--" + from, "overall--" + to);
  }

  function tick() {
    var now = Date.now();
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-start][data-end][data-status]"));
    cards.forEach(function (card) {
      var current = card.getAttribute("data-current") || card.getAttribute("data-status");
      card.setAttribute("data-current", current);
      var start = Date.parse(card.getAttribute("data-start"));
      var end = Date.parse(card.getAttribute("data-end"));
      var next = now >= end ? "completed" : now >= start ? "in_progress" : "scheduled";
      if (!(current in order) || order[next] <= order[current]) return;
      card.setAttribute("data-current", next);
      setBadge(card, next);
      var active = document.querySelector('[data-maintenance-section="active"]');
      if (next === "in_progress" && active && card.closest('[data-maintenance-section="upcoming"]')) {
        active.appendChild(card);
      }
      if (next === "completed" && card.closest("[data-maintenance-section]")) card.hidden = true;
    });
    if (document.querySelector("[data-maintenance-section]")) {
      syncComponents(cards);
      syncSections(cards);
    }
  }

  tick();
  setInterval(tick, 30000);
})();
