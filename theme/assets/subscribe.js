// Optional enhancement of the Subscribe page: a checkbox beside each component, and the links
// of the checked ones gathered in one block (feed, Slack command, maintenance calendar), ready
// to copy. Without it the page lists every component's links, which is complete on its own.
(function () {
  "use strict";
  var panel = document.querySelector('[data-role="picked"]');
  var items = document.querySelectorAll(".subscribe-item");
  if (!panel || !items.length || !panel.dataset) return;

  var heading = document.createElement("h3");
  heading.id = "picked-title";
  heading.textContent = panel.dataset.heading;
  var hint = document.createElement("p");
  hint.textContent = panel.dataset.pick;
  var output = document.createElement("pre");
  output.className = "subscribe-output";
  output.setAttribute("aria-labelledby", "picked-title");
  output.setAttribute("aria-live", "polite");
  output.tabIndex = 0;
  panel.appendChild(heading);
  panel.appendChild(hint);
  panel.appendChild(output);

  function text(item, role) {
    var element = item.querySelector('[data-role="' + role + '"]');
    return element ? element.textContent : "";
  }

  function update() {
    var lines = [];
    for (var i = 0; i < items.length; i++) {
      var item = items[i], box = item.querySelector("input[type=checkbox]");
      if (!box || !box.checked) continue;
      var rss = text(item, "rss");
      if (lines.length) lines.push("");
      lines.push(box.labels && box.labels[0] ? box.labels[0].textContent : item.dataset.component);
      lines.push("RSS: " + rss);
      lines.push("Slack: /feed subscribe " + rss);
      lines.push(panel.dataset.calendar + ": " + text(item, "calendar"));
    }
    output.textContent = lines.length ? lines.join("\n") : panel.dataset.none;
  }

  for (var i = 0; i < items.length; i++) {
    var name = items[i].querySelector(".subscribe-name");
    if (!name) continue;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = "pick-" + items[i].dataset.component;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = name.textContent;
    name.textContent = "";
    name.appendChild(box);
    name.appendChild(label);
    box.addEventListener("change", update);
  }
  panel.hidden = false;
  update();
})();
